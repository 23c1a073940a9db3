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
	} {
		err := run(tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ewsmock %v: %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}
