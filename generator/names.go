package generator

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/ewsgen/ewsgen/templates"
	"github.com/ewsgen/ewsgen/xsd"
)

// Naming policy (changing any rule renames public identifiers of every
// generated package, so each rule is deliberate):
//
//  1. A schema name keeps its spelling: ItemId stays ItemId (not ItemID),
//     BodyTypeType stays BodyTypeType. Users read the EWS reference and find
//     the same words in Go. Only characters that cannot appear in a Go
//     identifier are removed; the letter after a removed character is
//     upper-cased ("item:Subject" -> ItemSubject), a leading lower-case letter
//     is upper-cased and a leading digit gets an "X" prefix.
//  2. Named types keep their name. When several named types map to one Go
//     name (the same local name in several namespaces, names that differ
//     only by characters rule 1 removes, a name the package reserves), the
//     name goes, in this order of preference, to a type whose name
//     Config.Renames pins, to the first type (by namespace URI, then local
//     name) whose local name is spelled as the Go name (first letter aside),
//     then to the first type in that order; the others are numbered in that
//     order: CurrencyRate, CurrencyRate2, CurrencyRate3 (nameTypes).
//     Global elements take their own name; when that is the Go name of
//     their own type the two share one declaration, when it is taken by
//     something else the element gets an "Element" suffix, numbered when
//     that is taken too. A pinned name that collides is an error naming
//     both positions; renames can pin any other name.
//  3. Enumeration constants are the type name without a trailing "Type"
//     followed by the value (ResponseCodeType "NoError" -> ResponseCodeNoError);
//     when that collides, the full type name is used as prefix. The value
//     keeps its spelling (rule 1): word boundaries are not guessed, so
//     DistinguishedFolderIdNameType "deleteditems" gives
//     DistinguishedFolderIdNameDeleteditems. Splitting a lower-case run
//     into words needs a dictionary, which would make the names depend on
//     a word list rather than on the schema; a profile's conveniences give
//     readable names to the values people use (EWS: DeletedItems).
//  4. Synthesized names (anonymous types, choice interfaces, choice
//     alternatives) are built from their owner's Go name and the element or
//     field name, and are claimed after every schema-named declaration, so a
//     schema name never loses to a synthesized one; a synthesized name that
//     is taken is numbered (claimNumbered).
//  5. Structurally identical anonymous types are declared once, under the
//     shortest of their rule-4 names (merge.go: mergeAnonymous).
//  6. The wrapper type of a choice alternative takes the name of its
//     element alone when that is unambiguous (nameAlternatives):
//     CreateItemResponseMessage rather than
//     ArrayOfResponseMessagesTypeChoiceCreateItemResponseMessage.
//  7. The field of a repeating choice is named Items, or List where Items
//     would stutter (x.Items.Items; unstutter).
//
// Rules 5 to 7 run after every other name is claimed, in this order, each
// over the whole plan in declaration order, so that their outcome depends
// on the schemas alone.

// goName turns an XML name into an exported Go identifier (rule 1).
func goName(s string) string {
	var b strings.Builder
	upper := true
	for _, r := range s {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			upper = false
			continue
		}
		upper = true
	}
	out := b.String()
	if out == "" {
		return "X"
	}
	if unicode.IsDigit(rune(out[0])) {
		out = "X" + out
	}
	return out
}

// constPrefix is the prefix of a type's enumeration constants (rule 3).
func constPrefix(typeName string) string {
	if p := strings.TrimSuffix(typeName, "Type"); p != "" && p != typeName {
		return p
	}
	return typeName
}

// Reserved names.
//
// reservedNames is the one list of package-level identifiers a generated
// package declares besides those planned from the schemas; schema names
// never take them (rule 2 numbers a schema name that would). It is made of
//
//   - every package-level identifier of the fixed files copied into each
//     package (templates: the runtime, the SOAP layer, the HTTP client and
//     server, both profile files), read from their source, so a new
//     template declaration is reserved without further ado;
//   - emittedNames, the identifiers the emitters declare in generated files
//     (operations.go, envelope.go, client.go, server.go), listed by hand
//     here and nowhere else.
var emittedNames = []string{
	// operations.go, envelope.go
	"Operations", "Operation", "EnvelopeHeader", "NewBodyElement", "encodedBody", "newPartsBody",
	// client.go and server.go (both profiles)
	"Service", "UnimplementedService", "restrictTo", "requestSends", "sendsValue", "bodyError", "serverBusy",
	"requestVersion", "faultCodeNS", "faultDetailNS", "serveOperation", "unimplemented",
	"ResponseStatus", "ResponseMessage", "ResponseError", "MessageStatus", "MessageError", "messageError",
	"ResponseMessages", "ResponseErrors", "responseMessagesOf", "backOffOf",
	"WithRequestServerVersion", "WithImpersonation", "WithImpersonationSMTP", "WithMailboxCulture",
	"WithImpersonationSmtpAddress", "WithImpersonationPrincipalName", "WithImpersonationSID",
	"WithAnchorMailbox", "WithServerAffinity", "clientPackage",
	"WithTimeZoneContext", "WithDateTimePrecision", "WithManagementRole", "WithServerVersion",
	"Idempotent", "faultBusy", "backOffIn",
	// validate.go
	"Problem", "ValidationError", "Validate", "validator", "validateAs", "xmlvTypeTable", "xmlvSimpleTable",
}

var (
	reservedOnce sync.Once
	reserved     []string
)

// reservedNames returns the reserved identifiers (see above), sorted.
func reservedNames() []string {
	reservedOnce.Do(func() {
		files, err := templates.Runtime()
		if err != nil {
			return
		}
		files = append(files,
			templates.RuntimeFile{Name: "soap.go", Source: templates.SOAP()},
			templates.RuntimeFile{Name: "client_http.go", Source: templates.Client()},
			templates.RuntimeFile{Name: "server_http.go", Source: templates.Server()},
			templates.RuntimeFile{Name: "profile_ews.go", Source: templates.ProfileEWS()},
			templates.RuntimeFile{Name: "profile_generic.go", Source: templates.ProfileGeneric()},
			templates.RuntimeFile{Name: "client_streaming.go", Source: templates.EWSStreaming()})
		seen := map[string]bool{}
		add := func(n string) {
			if !seen[n] {
				seen[n] = true
				reserved = append(reserved, n)
			}
		}
		for _, f := range files {
			declaredNames(f, add)
		}
		for _, n := range emittedNames {
			add(n)
		}
		sort.Strings(reserved)
	})
	return reserved
}

// declaredNames calls add with each package-level identifier a fixed
// source file declares (types, constants, variables, functions).
func declaredNames(f templates.RuntimeFile, add func(string)) {
	af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Source, parser.SkipObjectResolution)
	if err != nil {
		return // a template that does not parse fails its own tests
	}
	for _, d := range af.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n.Name)
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil {
				add(d.Name.Name)
			}
		}
	}
}

// ewsHelperNames returns the identifiers the EWS profile's conveniences
// (templates/ews_helpers.go.tmpl, copied as helpers.go) declare, reserved
// only for packages generated with the EWS profile.
func ewsHelperNames() []string {
	var out []string
	declaredNames(templates.RuntimeFile{Name: "helpers.go", Source: templates.EWSHelpers()}, func(n string) { out = append(out, n) })
	sort.Strings(out)
	return out
}

// nameTypes gives every named schema type its Go name (rule 2) and claims
// it. A type whose pinned name collides is reported and left out of the
// result.
func (p *plan) nameTypes() map[*xsd.Type]string {
	out := map[*xsd.Type]string{}
	qns := sortedNames(p.set.Types)
	for _, qn := range qns {
		t := p.set.Types[qn]
		if r, ok := p.rename(qn); ok {
			what := "complexType"
			if t.Simple {
				what = "simpleType"
			}
			if !p.claim(r, t.Pos) {
				p.collision(r, t.Pos, what+" "+p.prefixed(qn))
				continue
			}
			out[t] = r
		}
	}
	for _, qn := range qns {
		t := p.set.Types[qn]
		if _, pinned := p.rename(qn); pinned {
			continue
		}
		if n := goName(qn.Local); n == upperFirst(qn.Local) && p.claim(n, t.Pos) {
			out[t] = n
		}
	}
	for _, qn := range qns {
		t := p.set.Types[qn]
		if _, done := out[t]; done {
			continue
		}
		if _, pinned := p.rename(qn); pinned {
			continue
		}
		out[t] = p.claimNumbered(goName(qn.Local), t.Pos)
	}
	return out
}

// claimNumbered claims base, or when it is taken the first free name of
// base2, base3, ... (rules 2 and 4).
func (p *plan) claimNumbered(base string, pos xsd.Pos) string {
	if p.claim(base, pos) {
		return base
	}
	for i := 2; ; i++ {
		if n := base + strconv.Itoa(i); p.claim(n, pos) {
			return n
		}
	}
}

// upperFirst returns s with its first letter upper-cased.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// nameAlternatives applies rule 6: the wrapper type of a choice
// alternative (rule 4: owner, "Choice", element) takes the Go name of its
// element alone (ArrayOfResponseMessagesTypeChoiceCreateItemResponseMessage
// becomes CreateItemResponseMessage) when no other wrapper wants that name
// and no declaration, constant or reserved identifier has it; otherwise it
// keeps its rule-4 name. It runs last, after every other name is claimed,
// so that it takes no name another rule would have given.
func (p *plan) nameAlternatives() {
	want := map[string]int{}
	for _, t := range p.types {
		if t.short != "" {
			want[t.short]++
		}
	}
	for _, t := range p.types {
		if t.short == "" || want[t.short] != 1 {
			continue
		}
		if _, taken := p.names[t.short]; taken {
			continue
		}
		delete(p.names, t.name)
		t.name = t.short
		p.names[t.name] = t.pos
	}
}

// unstutter applies rule 7: the field holding a repeating choice is named
// Items (rule 4) unless that would read x.Items.Items, that is, when a
// field named Items holds the struct; it is then named List (numbered when
// the struct has a List already).
func (p *plan) unstutter() {
	holders := map[*goType]map[string]bool{} // struct -> names of the fields holding it
	for _, t := range p.types {
		for _, f := range t.fields {
			if s := structOf(f.ct); s != nil {
				if holders[s] == nil {
					holders[s] = map[string]bool{}
				}
				holders[s][f.name] = true
			}
		}
	}
	for _, t := range p.types {
		if t.kind != kStruct {
			continue
		}
		for _, f := range t.fields {
			if f.iface == nil || !f.repeated || f.xname.Local != "" || f.name != "Items" || !holders[t]["Items"] {
				continue
			}
			used := map[string]bool{}
			for _, o := range t.fields {
				used[o.name] = true
			}
			for _, a := range t.attrs {
				used[a.name] = true
			}
			used[t.textName], used[t.mixedText], used[t.derivedField] = true, true, true
			name := "List"
			for i := 2; used[name]; i++ {
				name = fmt.Sprintf("List%d", i)
			}
			f.name = name
		}
	}
}
