package main

import (
	"strings"
	"testing"
)

func TestFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-batch", "0"}, "--max-batch must be positive"},
		{[]string{"--read-timeout", "-1s"}, "--read-timeout must be positive"},
		{[]string{"--max-buffered-bytes", "-5"}, "--max-buffered-bytes must be positive"},
		{[]string{"--user", "alice"}, "--user and --password go together"},
		{[]string{"--seed", "/nonexistent/seed.json"}, "/nonexistent/seed.json"},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"--faults", "FindItem:busy=2"}, "--faults: "},
		{[]string{"--faults", "NoSuchOp:drop=0.1"}, "no such operation"},
		{[]string{"--faults", "FindItem:busy=0.1", "--faults-file", "x.json"}, "give one"},
		{[]string{"--faults-file", "/nonexistent/faults.json"}, "/nonexistent/faults.json"},
		{[]string{"--keepalive", "0s"}, "--keepalive must be positive"},
	} {
		err := run(tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ewsmock %v: %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}
