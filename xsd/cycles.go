package xsd

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// typeEdge is one step of a type definition: the named type it is derived
// from (a base, a list item type or a union member type).
type typeEdge struct {
	verb string // "extends", "restricts", "has list item type", "has union member type"
	to   xml.Name
}

// typeEdges lists the named types t is defined from, including through its
// anonymous base, item and member types.
func typeEdges(t *Type, out []typeEdge) []typeEdge {
	named := func(n xml.Name) bool { return n.Local != "" && !IsBuiltin(n) }
	if named(t.Base) {
		verb := "restricts"
		if t.Derivation == DerivExtension {
			verb = "extends"
		}
		out = append(out, typeEdge{verb, t.Base})
	}
	if named(t.ItemType) {
		out = append(out, typeEdge{"has list item type", t.ItemType})
	}
	for _, m := range t.MemberTypes {
		if named(m) {
			out = append(out, typeEdge{"has union member type", m})
		}
	}
	if t.BaseAnon != nil {
		out = typeEdges(t.BaseAnon, out)
	}
	if t.ItemAnon != nil {
		out = typeEdges(t.ItemAnon, out)
	}
	for _, m := range t.MemberAnon {
		out = typeEdges(m, out)
	}
	return out
}

// chainWalk finds cycles and over-long chains in a graph where each node
// has a few outgoing edges, reporting each cycle once with every position
// on it and each chain longer than limit once, where it first passes it.
type chainWalk struct {
	l     *loader
	limit int
	what  string // "type derivation", "substitutionGroup"
	edges func(g *global) []chainEdge
	state map[*global]int // 0 unseen, 1 on the path, 2 done
	depth map[*global]int
	path  []chainEdge
}

type chainEdge struct {
	verb string
	to   *global
}

func (w *chainWalk) walk(g *global) int {
	switch w.state[g] {
	case 2:
		return w.depth[g]
	case 1:
		w.cycle(g)
		return 0
	}
	w.state[g] = 1
	depth := 0
	for _, e := range w.edges(g) {
		w.path = append(w.path, chainEdge{e.verb, g})
		d := w.walk(e.to) + 1
		w.path = w.path[:len(w.path)-1]
		if d > depth {
			depth = d
		}
	}
	if depth > w.limit+1 {
		depth = w.limit + 1 // reported further down the chain
	} else if depth == w.limit+1 {
		w.l.errorf(g.n.pos, "%s chain of %q is more than %d steps long (raise the limit with --max-derivation-depth)", w.what, g.name.Local, w.limit)
	}
	w.state[g] = 2
	w.depth[g] = depth
	return depth
}

// cycle reports the cycle from g's place on the path back to g.
func (w *chainWalk) cycle(g *global) {
	i := len(w.path) - 1
	for i >= 0 && w.path[i].to != g {
		i--
	}
	if i < 0 {
		return
	}
	var steps []string
	for j := i; j < len(w.path); j++ {
		cur := w.path[j].to
		next := g
		if j+1 < len(w.path) {
			next = w.path[j+1].to
		}
		steps = append(steps, fmt.Sprintf("%s %q (%s) %s %q", cur.kind, cur.name.Local, cur.n.pos, w.path[j].verb, next.name.Local))
	}
	w.l.errorf(g.n.pos, "circular %s: %s", w.what, strings.Join(steps, ", "))
}

func newChainWalk(l *loader, what string, edges func(g *global) []chainEdge) *chainWalk {
	return &chainWalk{l: l, limit: l.lim.DerivationDepth, what: what, edges: edges,
		state: map[*global]int{}, depth: map[*global]int{}}
}

// checkDerivations reports circular type definitions (X extends Y extends
// X, a union that is its own member) and derivation chains longer than
// Limits.DerivationDepth. It reports whether there were none.
func (l *loader) checkDerivations() bool {
	before := len(l.errs)
	w := newChainWalk(l, "type derivation", func(g *global) []chainEdge {
		var out []chainEdge
		for _, e := range typeEdges(g.typ, nil) {
			if to, ok := l.types[e.to]; ok {
				out = append(out, chainEdge{e.verb, to})
			}
		}
		return out
	})
	for _, g := range l.globals {
		if g.kind == "complexType" || g.kind == "simpleType" {
			w.walk(g)
		}
	}
	return len(l.errs) == before
}

// checkSubstitutions reports circular substitution groups and chains of
// heads longer than Limits.DerivationDepth. It reports whether there were
// none.
func (l *loader) checkSubstitutions() bool {
	before := len(l.errs)
	w := newChainWalk(l, "substitutionGroup", func(g *global) []chainEdge {
		if h, ok := l.elems[g.elem.SubstitutionGroup]; ok && g.elem.SubstitutionGroup.Local != "" {
			return []chainEdge{{"is in the substitutionGroup of", h}}
		}
		return nil
	})
	for _, g := range l.globals {
		if g.kind == "element" {
			w.walk(g)
		}
	}
	return len(l.errs) == before
}
