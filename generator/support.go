package generator

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/templates"
	"github.com/ewsgen/ewsgen/xsd"
)

func joinErrors(errs []error) error { return errors.Join(errs...) }

// renderAll runs n jobs on one worker per CPU, at least two (the generator
// is CPU bound and jennifer's rendering plus gofmt dominate).
func renderAll(n int, job func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < max(2, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				job(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

var pkgClause = regexp.MustCompile(`(?m)^package ewsrt[ \t]*$`)

// runtimeFiles copies the runtime into the generated package.
func runtimeFiles(pkg, header string) ([]File, error) {
	files, err := templates.Runtime()
	if err != nil {
		return nil, err
	}
	var out []File
	for _, f := range files {
		src := pkgClause.ReplaceAllString(f.Source, "package "+pkg)
		out = append(out, File{Name: "xmlrt_" + f.Name, Content: []byte(withHeader(header, src))})
	}
	return out, nil
}

// prune computes the declarations reachable from the named operations.
func (p *plan) prune(names []string) (map[*goType]bool, error) {
	if p.set.WSDL == nil {
		return nil, fmt.Errorf("--operations needs a WSDL")
	}
	byName := map[string]*xsd.Operation{}
	for _, op := range p.set.WSDL.Operations {
		byName[op.Name] = op
	}
	keep := map[*goType]bool{}
	var stack []*goType
	push := func(t *goType) {
		if t != nil && !keep[t] {
			keep[t] = true
			stack = append(stack, t)
		}
	}
	var missing []string
	for _, n := range names {
		op := byName[n]
		if op == nil {
			missing = append(missing, n)
			continue
		}
		for _, io := range []*xsd.IO{op.Input, op.Output} {
			if io == nil {
				continue
			}
			for _, b := range io.Body {
				push(p.byElem[p.set.Elements[b.Element]])
			}
			for _, h := range io.Headers {
				push(p.byElem[p.set.Elements[h.Element]])
			}
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("unknown operation(s): %s", strings.Join(missing, ", "))
	}
	pushVal := func(v *valueRef) {
		if v != nil {
			push(v.named)
		}
	}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		pushVal(&t.base)
		push(t.of)
		pushVal(t.text)
		for _, a := range t.alts {
			push(a.t)
		}
		push(t.derived)
		for _, a := range t.attrs {
			pushVal(&a.val)
		}
		for _, f := range t.fields {
			pushVal(f.val)
			push(f.ct)
			push(f.iface)
		}
		if t.base.named != nil {
			pushVal(&t.base.named.base)
		}
	}
	return keep, nil
}

// withHeader puts the generated-code header above a fixed source file.
func withHeader(header, src string) string {
	var b strings.Builder
	for _, l := range strings.Split(header, "\n") {
		b.WriteString("// " + l + "\n")
	}
	b.WriteString("\n")
	b.WriteString(src)
	return b.String()
}

// addHeader writes the header as line comments above the package clause, so
// the first line is exactly the generated-code marker.
func addHeader(f *jen.File, header string) {
	for _, l := range strings.Split(header, "\n") {
		f.HeaderComment(l)
	}
}
