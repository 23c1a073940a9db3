package generator

import (
	"regexp"
	"testing"
)

func TestTranslateXSDPattern(t *testing.T) {
	cases := []struct {
		xsd      string
		match    []string
		nomatch  []string
		refusedB bool
	}{
		{xsd: `[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}`, match: []string{"0123abcd-00FF"}, nomatch: []string{"0123abcd-00F", "x0123abcd-00FF"}},
		{xsd: `\i\c*`, match: []string{"_a1", "né.x-y"}, nomatch: []string{"1a", "a b"}},
		{xsd: `\d+`, match: []string{"12", "١٢"}, nomatch: []string{"a"}},
		{xsd: `a.b`, match: []string{"axb"}, nomatch: []string{"a\rb", "a\nb"}},
		{xsd: `^a$`, match: []string{"^a$"}, nomatch: []string{"a"}},
		{xsd: `\p{IsBasicLatin}+`, match: []string{"abc"}, nomatch: []string{"é"}},
		{xsd: `[\p{IsBasicLatin}]+`, match: []string{"abc"}, nomatch: []string{"é"}},
		{xsd: `\p{Lu}\P{Lu}`, match: []string{"Ab"}, nomatch: []string{"AB"}},
		{xsd: `[a-z-[aeiou]]+`, refusedB: true},
		{xsd: `\p{IsNoSuchBlock}`, refusedB: true},
		{xsd: `[\I]`, refusedB: true},
	}
	for _, c := range cases {
		got, err := translateXSDPattern(c.xsd)
		if c.refusedB {
			if err == nil {
				t.Errorf("%q: translated to %q, want refused", c.xsd, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.xsd, err)
			continue
		}
		re := regexp.MustCompile(`^(?:` + got + `)$`)
		for _, s := range c.match {
			if !re.MatchString(s) {
				t.Errorf("%q (Go %q) does not match %q", c.xsd, got, s)
			}
		}
		for _, s := range c.nomatch {
			if re.MatchString(s) {
				t.Errorf("%q (Go %q) matches %q", c.xsd, got, s)
			}
		}
	}
}
