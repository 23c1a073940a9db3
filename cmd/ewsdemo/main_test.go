package main

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	rows := regexp.MustCompile(`(?m)^  2026-03-(\d\d) 09:30  (\S+@example\.com) +Weekly report (\d+)$`).FindAllStringSubmatch(got, -1)
	if len(rows) != 10 {
		t.Fatalf("%d Inbox rows, want 10:\n%s", len(rows), got)
	}
	for i, r := range rows {
		day, _ := strconv.Atoi(r[1])
		n, _ := strconv.Atoi(r[3])
		if want := 12 - i; day != want || n != want {
			t.Errorf("row %d is %q, want the message of March %d (newest first)", i, r[0], want)
		}
	}
	for _, want := range []string{
		"The 10 newest of 12 messages in the Inbox:",
		`Created the draft "Project kickoff" in Drafts`,
		"Moved it to Inbox/Projects: Success",
		"RemoveImContactFromGroup: Success",
		"RemoveImContactFromGroup again: ErrorInvalidImContactId (The IM contact is not in this IM group.)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
