package basket

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// method is a client or server method of a generated package.
type method struct {
	Name    string
	Params  []string // parameter types after the context, without a variadic tail
	Results []string // result types before the error
}

// pkgInfo is what the harness reads from a generated package's source.
type pkgInfo struct {
	Name    string
	Lines   int
	Client  map[string]method // by Normalize(name)
	Server  map[string]method // methods of the Service interface, by Normalize(name)
	Decls   map[string]bool   // top-level names
	Impls   map[string][]string
	Enums   map[string][]string
	OpField map[string]bool   // fields of type Operation
	Bases   map[string]string // type X Y with Y an identifier
	Files   []string
}

// analyze parses the generated package in dir (no type checking).
func analyze(dir string) (*pkgInfo, error) {
	fset := token.NewFileSet()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	info := &pkgInfo{Client: map[string]method{}, Server: map[string]method{}, Decls: map[string]bool{},
		Impls: map[string][]string{}, Enums: map[string][]string{}, OpField: map[string]bool{}, Bases: map[string]string{}}
	str := func(e ast.Expr) string {
		var b bytes.Buffer
		printer.Fprint(&b, fset, e)
		return b.String()
	}
	sig := func(name string, ft *ast.FuncType) (method, bool) {
		m := method{Name: name}
		var params []ast.Expr
		for _, f := range ft.Params.List {
			n := len(f.Names)
			if n == 0 {
				n = 1
			}
			for i := 0; i < n; i++ {
				params = append(params, f.Type)
			}
		}
		if len(params) == 0 || str(params[0]) != "context.Context" {
			return m, false
		}
		for _, p := range params[1:] {
			if _, ok := p.(*ast.Ellipsis); ok {
				continue
			}
			m.Params = append(m.Params, str(p))
		}
		var results []ast.Expr
		if ft.Results != nil {
			for _, f := range ft.Results.List {
				n := len(f.Names)
				if n == 0 {
					n = 1
				}
				for i := 0; i < n; i++ {
					results = append(results, f.Type)
				}
			}
		}
		if len(results) == 0 || str(results[len(results)-1]) != "error" {
			return m, false
		}
		for _, r := range results[:len(results)-1] {
			m.Results = append(m.Results, str(r))
		}
		return m, true
	}
	ifaces := map[string]*ast.InterfaceType{}
	methodsOf := map[string]map[string]bool{} // type name -> method names
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		info.Lines += bytes.Count(data, []byte("\n"))
		info.Files = append(info.Files, p)
		f, err := parser.ParseFile(fset, p, data, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		info.Name = f.Name.Name
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					info.Decls[d.Name.Name] = true
					continue
				}
				rt := d.Recv.List[0].Type
				if s, ok := rt.(*ast.StarExpr); ok {
					rt = s.X
				}
				id, ok := rt.(*ast.Ident)
				if !ok {
					continue
				}
				if methodsOf[id.Name] == nil {
					methodsOf[id.Name] = map[string]bool{}
				}
				methodsOf[id.Name][d.Name.Name] = true
				if strings.HasSuffix(id.Name, "Client") && d.Name.IsExported() {
					if m, ok := sig(d.Name.Name, d.Type); ok {
						info.Client[Normalize(d.Name.Name)] = m
					}
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						info.Decls[s.Name.Name] = true
						if id, ok := s.Type.(*ast.Ident); ok && s.Assign == 0 {
							info.Bases[s.Name.Name] = id.Name
						}
						if it, ok := s.Type.(*ast.InterfaceType); ok {
							ifaces[s.Name.Name] = it
							if s.Name.Name == "Service" {
								for _, m := range it.Methods.List {
									ft, ok := m.Type.(*ast.FuncType)
									if !ok || len(m.Names) == 0 {
										continue
									}
									if mm, ok := sig(m.Names[0].Name, ft); ok {
										info.Server[Normalize(mm.Name)] = mm
									}
								}
							}
						}
						if st, ok := s.Type.(*ast.StructType); ok && s.Name.Name == "Operation" {
							for _, fl := range st.Fields.List {
								for _, n := range fl.Names {
									info.OpField[n.Name] = true
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							info.Decls[n.Name] = true
						}
						if d.Tok == token.CONST && s.Type != nil {
							if id, ok := s.Type.(*ast.Ident); ok && len(s.Values) == len(s.Names) {
								for _, n := range s.Names {
									if n.IsExported() {
										info.Enums[id.Name] = append(info.Enums[id.Name], n.Name)
									}
								}
							}
						}
					}
				}
			}
		}
	}
	// Sealed interfaces: those with an unexported method; their
	// implementations are the types declaring every method of the set.
	var setOf func(name string, depth int) []string
	setOf = func(name string, depth int) []string {
		it := ifaces[name]
		if it == nil || depth > 10 {
			return nil
		}
		var out []string
		for _, m := range it.Methods.List {
			if len(m.Names) > 0 {
				out = append(out, m.Names[0].Name)
			} else if id, ok := m.Type.(*ast.Ident); ok {
				out = append(out, setOf(id.Name, depth+1)...)
			}
		}
		return out
	}
	var typeNames []string
	for n := range methodsOf {
		typeNames = append(typeNames, n)
	}
	sort.Strings(typeNames)
	for name := range ifaces {
		ms := setOf(name, 0)
		sealed := false
		for _, m := range ms {
			sealed = sealed || !ast.IsExported(m)
		}
		if !sealed {
			continue
		}
		for _, tn := range typeNames {
			if ifaces[tn] != nil {
				continue
			}
			all := true
			for _, m := range ms {
				all = all && methodsOf[tn][m]
			}
			if all {
				info.Impls[name] = append(info.Impls[name], tn)
			}
		}
	}
	return info, nil
}

// loopbackOp is one operation the loopback test calls.
type loopbackOp struct {
	WSDLName string
	Faults   bool // the operation declares faults: the test also sends one
	Client   method
	Server   method
}

// writeTests writes the harness's test file into the generated package dir.
// writeSchemaExport writes an internal test file of the generated package
// that hands its validation tables to the filler as BasketSchema.
func writeSchemaExport(dir, pkg string) error {
	src := `package ` + pkg + `

import "scratch/fill"

// BasketSchema holds the package's validation tables for the basket's
// value filler.
var BasketSchema = func() *fill.Schema {
	kinds := map[uint8]string{xmlvElem: "elem", xmlvSeq: "seq", xmlvChoice: "choice", xmlvAttr: "attr", xmlvText: "text",
		xmlvItems: "items", xmlvAny: "any", xmlvDerived: "derived", xmlvValue: "value"}
	s := &fill.Schema{Types: map[string]*fill.Type{}, Simples: map[string]*fill.Simple{}}
	for _, t := range xmlvTypeTable {
		ft := &fill.Type{Of: t.of}
		for _, r := range t.rules {
			ft.Rules = append(ft.Rules, fill.Rule{Kind: kinds[r.kind], Min: int(r.min), Max: int(r.max), N: int(r.n), Field: r.field, Simple: r.simple})
		}
		s.Types[t.name] = ft
	}
	for _, x := range xmlvSimpleTable {
		s.Simples[x.name] = &fill.Simple{Base: x.base, Item: x.item, Enums: x.enums,
			Length: int(x.length), MinLength: int(x.minLength), MaxLength: int(x.maxLength),
			MinInc: x.minInc, MaxInc: x.maxInc, MinExc: x.minExc, MaxExc: x.maxExc,
			TotalDigits: int(x.totalDigits), FractionDigits: int(x.fractionDigits), Patterns: x.patterns, List: x.list}
	}
	return s
}()
`
	return os.WriteFile(filepath.Join(dir, "zz_basket_schema_test.go"), []byte(src), 0o644)
}

func writeTests(dir string, info *pkgInfo, ops []loopbackOp, instances bool) error {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("package %s_test\n\n", info.Name)
	p("import (\n\t. \"scratch/sets/%s\"\n\n\t\"bytes\"\n\t\"context\"\n\t\"encoding/xml\"\n\t\"errors\"\n\t\"net/http/httptest\"\n\t\"os\"\n\t\"path/filepath\"\n\t\"reflect\"\n\t\"testing\"\n\n\t\"scratch/fill\"\n\t\"scratch/xmlcmp\"\n)\n\n", info.Name)
	p("var _ = errors.New\nvar _ = bytes.Equal\nvar _ xml.Name\nvar _ = httptest.NewServer\nvar _ = os.ReadFile\nvar _ = filepath.Glob\nvar _ = xmlcmp.Parse\nvar _ = fill.Diff\nvar _ context.Context\n\n")
	// Interface implementations and enumeration values.
	p("var basketImpls = map[reflect.Type][]func() any{\n")
	var names []string
	for n := range info.Impls {
		if ast.IsExported(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		p("\treflect.TypeOf((*%s)(nil)).Elem(): {", n)
		for _, tn := range info.Impls[n] {
			if ast.IsExported(tn) {
				p("func() any { return new(%s) }, ", tn)
			}
		}
		p("},\n")
	}
	p("}\n\n")
	p("var basketBases = map[reflect.Type]string{\n")
	names = names[:0]
	for n := range info.Bases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b := info.Bases[n]
		rt := map[string]bool{"XSDateTime": true, "XSDate": true, "XSTime": true, "XSDuration": true, "XSDecimal": true, "XSQName": true}
		for i := 0; i < 10 && !rt[b] && info.Bases[b] != ""; i++ {
			b = info.Bases[b]
		}
		switch b {
		case "XSDateTime", "XSDate", "XSTime", "XSDuration", "XSDecimal", "XSQName":
			if ast.IsExported(n) {
				p("\treflect.TypeFor[%s](): %q,\n", n, b)
			}
		}
	}
	p("}\n\n")
	p("var basketEnums = map[reflect.Type][]any{\n")
	names = names[:0]
	for n := range info.Enums {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !info.Decls[n] || !ast.IsExported(n) {
			continue
		}
		p("\treflect.TypeOf(%s): {", info.Enums[n][0])
		for _, c := range info.Enums[n] {
			p("%s, ", c)
		}
		p("},\n")
	}
	p("}\n\n")

	// The validation tables, read by an internal test file, let the filler
	// keep the schema's contract.
	schemaRef := "nil"
	if info.Decls["xmlvTypeTable"] && info.Decls["xmlvSimpleTable"] {
		schemaRef = "BasketSchema"
		if err := writeSchemaExport(dir, info.Name); err != nil {
			return err
		}
	}
	loop := len(ops) > 0 && info.Decls["Service"] && info.Decls["NewHandler"] && info.Decls["NewClient"]
	// Validation can be turned off on both sides for a call whose values
	// the filler cannot make valid.
	canSkip := info.Decls["WithoutValidation"] && info.Decls["WithoutRequestValidation"]
	headers := loop && info.Decls["EnvelopeHeader"] && info.Decls["WithHeader"] && info.Decls["RequestHeader"] &&
		info.Decls["OutgoingHeader"] && info.Decls["ResponseHeader"] && info.OpField["RequestHeaders"] && info.OpField["ResponseHeaders"]
	if loop {
		// A Service whose methods call the functions the test installs.
		p("type basketService struct{ fns map[string]any }\n\n")
		var srv []method
		for _, m := range info.Server {
			srv = append(srv, m)
		}
		sort.Slice(srv, func(i, j int) bool { return srv[i].Name < srv[j].Name })
		for _, m := range srv {
			var params, args, fn []string
			for i, t := range m.Params {
				params = append(params, fmt.Sprintf("a%d %s", i, t))
				args = append(args, fmt.Sprintf("a%d", i))
			}
			res := append(append([]string{}, m.Results...), "error")
			fn = append([]string{"context.Context"}, m.Params...)
			ftype := fmt.Sprintf("func(%s) (%s)", strings.Join(fn, ", "), strings.Join(res, ", "))
			p("func (s *basketService) %s(ctx context.Context, %s) (%s) {\n", m.Name, strings.Join(params, ", "), strings.Join(res, ", "))
			p("\tif f, ok := s.fns[%q].(%s); ok {\n\t\treturn f(ctx, %s)\n\t}\n", m.Name, ftype, strings.Join(args, ", "))
			var zeros []string
			for i, r := range m.Results {
				p("\tvar r%d %s\n", i, r)
				zeros = append(zeros, fmt.Sprintf("r%d", i))
			}
			zeros = append(zeros, `errors.New("not called by the loopback test")`)
			p("\treturn %s\n}\n\n", strings.Join(zeros, ", "))
		}
		if headers {
			p(`func basketHeader(f *fill.Filler, names []xml.Name) EnvelopeHeader {
	var h EnvelopeHeader
	f.Fill(&h)
	v := reflect.ValueOf(&h).Elem()
	for i := 0; i < v.NumField(); i++ {
		fv := v.Field(i)
		if !fv.CanSet() {
			continue
		}
		keep := false
		if fv.Kind() == reflect.Pointer && !fv.IsNil() {
			if e, ok := fv.Interface().(interface{ XMLName() xml.Name }); ok {
				for _, n := range names {
					keep = keep || n == e.XMLName()
				}
			}
		}
		if !keep {
			fv.Set(reflect.Zero(fv.Type()))
		}
	}
	return h
}

func basketOperation(name string) *Operation {
	for i := range Operations {
		if Operations[i].Name == name {
			return &Operations[i]
		}
	}
	return nil
}

`)
		}
		p("func TestBasketLoopback(t *testing.T) {\n")
		faultDone := false
		for _, o := range ops {
			p("\tt.Run(%q, func(t *testing.T) {\n", o.WSDLName)
			p("\t\tf := &fill.Filler{Impls: basketImpls, Enums: basketEnums, Bases: basketBases, Schema: %s}\n", schemaRef)
			var sent, got, gotArgs, params, ret, xs []string
			for i, t := range o.Server.Params {
				p("\t\tvar a%d %s\n\t\tf.Fill(&a%d)\n\t\tvar g%d %s\n", i, t, i, i, t)
				sent = append(sent, fmt.Sprintf("a%d", i))
				got = append(got, fmt.Sprintf("g%d", i))
				gotArgs = append(gotArgs, fmt.Sprintf("g%d = b%d", i, i))
				params = append(params, fmt.Sprintf("b%d %s", i, t))
			}
			for i, t := range o.Server.Results {
				p("\t\tvar r%d %s\n\t\tf.Fill(&r%d)\n", i, t, i)
				ret = append(ret, fmt.Sprintf("r%d", i))
				xs = append(xs, fmt.Sprintf("x%d", i))
			}
			ret = append(ret, "nil")
			res := append(append([]string{}, o.Server.Results...), "error")
			if headers {
				p("\t\top := basketOperation(%q)\n\t\tif op == nil {\n\t\t\tt.Fatal(\"no entry in Operations\")\n\t\t}\n", o.WSDLName)
				p("\t\treqH := basketHeader(f, op.RequestHeaders)\n\t\trespH := basketHeader(f, op.ResponseHeaders)\n\t\tvar gotH, backH EnvelopeHeader\n")
			}
			p("\t\tsvc := &basketService{fns: map[string]any{%q: func(ctx context.Context, %s) (%s) {\n", o.Server.Name, strings.Join(params, ", "), strings.Join(res, ", "))
			for _, g := range gotArgs {
				p("\t\t\t%s\n", g)
			}
			if headers {
				p("\t\t\tgotH = *RequestHeader(ctx)\n\t\t\t*OutgoingHeader(ctx) = respH\n")
			}
			p("\t\t\treturn %s\n\t\t}}}\n", strings.Join(ret, ", "))
			if canSkip {
				p("\t\tvar hopts []HandlerOption\n\t\tvar copts []ClientOption\n")
				p("\t\tif len(f.Unsatisfied) > 0 {\n\t\t\tt.Logf(\"validation off on both sides for this call: the filler cannot satisfy %%q\", f.Unsatisfied)\n")
				p("\t\t\thopts = append(hopts, WithoutRequestValidation())\n\t\t\tcopts = append(copts, WithoutValidation())\n\t\t}\n")
				p("\t\tsrv := httptest.NewServer(NewHandler(svc, hopts...))\n\t\tdefer srv.Close()\n\t\tc := NewClient(srv.URL, srv.Client(), copts...)\n")
			} else {
				p("\t\tsrv := httptest.NewServer(NewHandler(svc))\n\t\tdefer srv.Close()\n\t\tc := NewClient(srv.URL, srv.Client())\n")
			}
			call := append([]string{"context.Background()"}, sent...)
			if headers {
				call = append(call, "WithHeader(func(h *EnvelopeHeader) { *h = reqH })", "ResponseHeader(&backH)")
			}
			lhs := append(append([]string{}, xs...), "err")
			p("\t\t%s := c.%s(%s)\n", strings.Join(lhs, ", "), o.Client.Name, strings.Join(call, ", "))
			p("\t\tif err != nil {\n\t\t\tt.Fatalf(\"call: %%v\", err)\n\t\t}\n")
			for i := range sent {
				p("\t\tif d := fill.Diff(%s, %s); d != \"\" {\n\t\t\tt.Errorf(\"request part %d arrived different at %%s\", d)\n\t\t}\n", sent[i], got[i], i)
			}
			for i := range xs {
				p("\t\tif d := fill.Diff(r%d, %s); d != \"\" {\n\t\t\tt.Errorf(\"response part %d arrived different at %%s\", d)\n\t\t}\n", i, xs[i], i)
			}
			if headers {
				p("\t\tif d := fill.Diff(reqH, gotH); d != \"\" {\n\t\t\tt.Errorf(\"request header arrived different at %%s\", d)\n\t\t}\n")
				p("\t\tif d := fill.Diff(respH, backH); d != \"\" {\n\t\t\tt.Errorf(\"response header arrived different at %%s\", d)\n\t\t}\n")
			}
			p("\t})\n")
			if o.Faults && !faultDone && info.Decls["SOAPFault"] {
				faultDone = true
				p("\tt.Run(%q, func(t *testing.T) {\n", "fault/"+o.WSDLName)
				p("\t\tf := &fill.Filler{Impls: basketImpls, Enums: basketEnums, Bases: basketBases, Schema: %s}\n", schemaRef)
				p("\t\tvar detail XSAnyElement\n\t\tf.Fill(&detail)\n")
				p("\t\twant := &SOAPFault{Code: XSQName{Space: \"http://schemas.xmlsoap.org/soap/envelope/\", Local: \"Server\"}, String: \"basket fault\", Detail: &XSAnyElement{Name: XSQName{Local: \"detail\"}, Children: []XSAnyNode{{Elem: &detail}}}}\n")
				var params []string
				var zeros []string
				for i, t := range o.Server.Params {
					p("\t\tvar a%d %s\n\t\tf.Fill(&a%d)\n", i, t, i)
					params = append(params, fmt.Sprintf("b%d %s", i, t))
				}
				for i, t := range o.Server.Results {
					p("\t\tvar z%d %s\n", i, t)
					zeros = append(zeros, fmt.Sprintf("z%d", i))
				}
				zeros = append(zeros, "want")
				res := append(append([]string{}, o.Server.Results...), "error")
				p("\t\tsvc := &basketService{fns: map[string]any{%q: func(ctx context.Context, %s) (%s) {\n\t\t\treturn %s\n\t\t}}}\n",
					o.Server.Name, strings.Join(params, ", "), strings.Join(res, ", "), strings.Join(zeros, ", "))
				p("\t\tsrv := httptest.NewServer(NewHandler(svc))\n\t\tdefer srv.Close()\n\t\tc := NewClient(srv.URL, srv.Client())\n")
				var call []string
				for i := range o.Server.Params {
					call = append(call, fmt.Sprintf("a%d", i))
				}
				lhs := []string{}
				for range o.Server.Results {
					lhs = append(lhs, "_")
				}
				lhs = append(lhs, "err")
				p("\t\t%s := c.%s(%s)\n", strings.Join(lhs, ", "), o.Client.Name, strings.Join(append([]string{"context.Background()"}, call...), ", "))
				p("\t\tvar got *SOAPFault\n\t\tif !errors.As(err, &got) {\n\t\t\tt.Fatalf(\"want a *SOAPFault, got %%v\", err)\n\t\t}\n")
				p("\t\tif got.String != want.String {\n\t\t\tt.Errorf(\"faultstring %%q, want %%q\", got.String, want.String)\n\t\t}\n")
				p("\t\tif got.Detail == nil {\n\t\t\tt.Fatal(\"fault detail lost\")\n\t\t}\n")
				p("\t\tvar gotDetail *XSAnyElement\n\t\tfor i := range got.Detail.Children {\n\t\t\tif e := got.Detail.Children[i].Elem; e != nil {\n\t\t\t\tgotDetail = e\n\t\t\t}\n\t\t}\n")
				p("\t\tif gotDetail == nil {\n\t\t\tgotDetail = got.Detail\n\t\t}\n")
				p("\t\tif d := fill.Diff(&detail, gotDetail); d != \"\" {\n\t\t\tt.Errorf(\"fault detail arrived different at %%s\", d)\n\t\t}\n")
				p("\t})\n")
			}
		}
		p("}\n\n")
	}
	inst := instances && info.Decls["NewBodyElement"] && info.Decls["Unmarshal"] && info.Decls["Marshal"]
	if !loop && !inst {
		return nil
	}
	if inst {
		env := info.Decls["Envelope"] && info.Decls["UnmarshalEnvelope"] && info.Decls["ClientStyle"] && info.Decls["ServerStyle"]
		p(`func basketRoot(data []byte) (xml.Name, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name, nil
		}
	}
}

func TestBasketInstances(t *testing.T) {
	paths, err := filepath.Glob("testdata/basket/*.xml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no instance documents: %%v", err)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			want, err := xmlcmp.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			name, err := basketRoot(data)
			if err != nil {
				t.Fatal(err)
			}
			v := NewBodyElement(name)
			if v == nil {
				t.Fatalf("NewBodyElement(%%v) = nil", name)
			}
			if err := Unmarshal(data, v); err != nil {
				t.Fatalf("decode: %%v", err)
			}
			got, err := xmlcmp.Parse(Marshal(v))
			if err != nil {
				t.Fatal(err)
			}
			if d := xmlcmp.Diff(want, got); d != "" {
				t.Errorf("re-encoded differently: %%s", d)
			}
%s		})
	}
}
`, map[bool]string{false: "", true: `			for _, style := range []Style{ClientStyle, ServerStyle} {
				out := (&Envelope{Body: v}).Marshal(style)
				back, err := UnmarshalEnvelope(out)
				if err != nil {
					t.Fatalf("style %v: decode envelope: %v", style, err)
				}
				if back.Body == nil {
					t.Fatalf("style %v: no body in %s", style, out)
				}
				got, err := xmlcmp.Parse(Marshal(back.Body))
				if err != nil {
					t.Fatal(err)
				}
				if d := xmlcmp.Diff(want, got); d != "" {
					t.Errorf("style %v: re-encoded differently: %s", style, d)
				}
				env, err := xmlcmp.Parse(out)
				if err != nil {
					t.Fatal(err)
				}
				var body *xmlcmp.Node
				for _, c := range env.Children {
					if c.Name.Local == "Body" && len(c.Children) == 1 {
						body = c.Children[0]
					}
				}
				if body == nil {
					t.Fatalf("style %v: no body element in %s", style, out)
				}
				if d := xmlcmp.Diff(want, body); d != "" {
					t.Errorf("style %v: body in the envelope differs: %s", style, d)
				}
			}
`}[env])
	}
	return os.WriteFile(filepath.Join(dir, "zz_basket_test.go"), b.Bytes(), 0o644)
}
