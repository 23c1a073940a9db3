package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/ewsgen/ewsgen/templates"
)

// Generated parts of the EWS profile's conveniences (the fixed part is
// templates/ews_helpers.go.tmpl, copied as helpers.go):
//
//   - responseItems on every response message that holds items (an Items
//     element of t:ArrayOfRealItemsType, or FindItem's RootFolder), which
//     ItemResults, FoundItems and FindItemAll read;
//   - nil-safe getters (GetSubject, GetFrom, ...) on the types of the
//     everyday paths (getterTypes): each returns the field's value, or the
//     zero value when the receiver or the field is nil, so that
//     m.GetFrom().GetMailbox().GetName() never panics. Optional simple
//     values are returned dereferenced; xs:dateTime, xs:date and xs:time
//     values as a time.Time (the zero time when absent).

// getterTypes are the t: complex types that get nil-safe getters: items,
// their recipients, ids and bodies, folders.
var getterTypes = map[string]bool{
	"ItemType": true, "MessageType": true, "CalendarItemType": true, "ContactItemType": true,
	"TaskType": true, "PostItemType": true, "SingleRecipientType": true, "EmailAddressType": true,
	"ItemIdType": true, "FolderIdType": true, "BodyType": true, "FolderType": true,
	"BaseFolderType": true, "CalendarFolderType": true, "ContactsFolderType": true,
	"TasksFolderType": true, "SearchFolderType": true, "ArrayOfRecipientsType": true,
}

// gettersForAll gives every struct type getters (used to measure what they
// cost to compile); off in the EWS profile.
var gettersForAll = false

// responseItems writes the responseItems method of a response message
// type that holds items; nothing for the others.
func (g *emitter) responseItems(f *jen.File, t *goType) {
	var path []string
	var arrT *goType
	if h := fieldByXName(t, "Items"); h != nil && h.ct != nil && !h.repeated {
		path, arrT = []string{h.name}, h.ct
	} else if rf := fieldByXName(t, "RootFolder"); rf != nil && rf.ct != nil && !rf.repeated {
		if in := fieldByXName(rf.ct, "Items"); in != nil && in.ct != nil && !in.repeated {
			path, arrT = []string{rf.name, in.name}, in.ct
		}
	}
	arr := structOf(arrT)
	if arr == nil || arr.xsdType == nil || arr.xsdType.Name.Local != "ArrayOfRealItemsType" {
		return
	}
	var list *field
	for _, fl := range arr.fields {
		if fl.iface != nil && fl.repeated {
			list = fl
		}
	}
	if list == nil {
		return
	}
	cond := jen.Id("m").Op("==").Nil()
	sel := jen.Id("m")
	for _, p := range path {
		sel = sel.Clone().Dot(p)
		cond = cond.Op("||").Add(sel.Clone()).Op("==").Nil()
	}
	f.Func().Params(jen.Id("m").Op("*").Id(t.name)).Id("responseItems").Params().Index().Id(list.iface.name).Block(
		jen.If(cond).Block(jen.Return(jen.Nil())),
		jen.Return(sel.Clone().Dot(list.name)),
	)
}

// getters writes the nil-safe getters of the types of the everyday paths.
func (g *emitter) getters(f *jen.File) {
	for _, t := range g.p.types {
		if t.kind != kStruct || !g.kept(t) || t.xsdType == nil {
			continue
		}
		if !gettersForAll && (t.xsdType.Name.Space != nsTypes || !getterTypes[t.xsdType.Name.Local]) {
			continue
		}
		taken := map[string]bool{}
		for _, fl := range t.fields {
			taken[fl.name] = true
		}
		for _, a := range t.attrs {
			taken[a.name] = true
		}
		recv := jen.Id("x").Op("*").Id(t.name)
		for _, a := range t.attrs {
			name := "Get" + a.name
			if taken[name] {
				continue
			}
			f.Commentf("%s returns %s, or its zero value when x or it is nil.", name, a.name)
			g.getter(f, recv, name, a.name, a.val, attrIsPtr(a))
		}
		for _, fl := range t.fields {
			name := "Get" + fl.name
			if taken[name] || fl.name == "" {
				continue
			}
			switch {
			case fl.any || fl.iface != nil || fl.ct != nil || fl.repeated:
				f.Commentf("%s returns %s, or nil when x is nil.", name, fl.name)
				f.Func().Params(recv).Id(name).Params().Add(g.fieldType(fl)).Block(
					jen.If(jen.Id("x").Op("==").Nil()).Block(jen.Return(jen.Nil())),
					jen.Return(jen.Id("x").Dot(fl.name)),
				)
			case fl.val != nil:
				f.Commentf("%s returns %s, or its zero value when x or it is nil.", name, fl.name)
				g.getter(f, recv, name, fl.name, *fl.val, fieldIsPtr(fl))
			}
		}
	}
}

// getter writes one getter of a simple value.
func (g *emitter) getter(f *jen.File, recv *jen.Statement, name, field string, v valueRef, ptr bool) {
	x := jen.Id("x").Dot(field)
	if v.named == nil && (v.b == bDateTime || v.b == bDate || v.b == bTime) {
		if !ptr {
			x = jen.Parens(jen.Op("&").Add(x))
		}
		f.Func().Params(recv.Clone()).Id(name).Params().Qual("time", "Time").Block(
			jen.If(jen.Id("x").Op("==").Nil()).Block(jen.Return(jen.Qual("time", "Time").Values())),
			jen.Return(x.Dot("Time").Call()),
		)
		return
	}
	vt := g.valueType(v)
	if ptr {
		f.Func().Params(recv.Clone()).Id(name).Params().Params(jen.Id("v").Add(vt)).Block(
			jen.If(jen.Id("x").Op("==").Nil().Op("||").Add(x.Clone()).Op("==").Nil()).Block(jen.Return()),
			jen.Return(jen.Op("*").Add(x)),
		)
		return
	}
	f.Func().Params(recv.Clone()).Id(name).Params().Params(jen.Id("v").Add(vt)).Block(
		jen.If(jen.Id("x").Op("==").Nil()).Block(jen.Return()),
		jen.Return(x),
	)
}

// ewsHelperNeeds returns the package-level identifiers the EWS profile's
// conveniences use without declaring them (schema types and constants,
// client code), sorted.
func ewsHelperNeeds() []string {
	af, err := parser.ParseFile(token.NewFileSet(), "helpers.go", templates.EWSHelpers(), parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	declared := map[string]bool{}
	declaredNames(templates.RuntimeFile{Name: "helpers.go", Source: templates.EWSHelpers()}, func(n string) { declared[n] = true })
	imports := map[string]bool{}
	for _, im := range af.Imports {
		p := strings.Trim(im.Path.Value, `"`)
		imports[p[strings.LastIndexByte(p, '/')+1:]] = true
	}
	skip := map[*ast.Ident]bool{}
	need := map[string]bool{}
	ast.Inspect(af, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				skip[id] = true
			}
		case *ast.Field:
			for _, id := range n.Names {
				skip[id] = true
			}
		case *ast.FuncDecl:
			skip[n.Name] = true
			if tp := n.Type.TypeParams; tp != nil {
				for _, f := range tp.List {
					for _, id := range f.Names {
						declared[id.Name] = true // type parameters
					}
				}
			}
		case *ast.Ident:
			if !skip[n] && ast.IsExported(n.Name) && !declared[n.Name] && !imports[n.Name] {
				need[n.Name] = true
			}
		}
		return true
	})
	out := make([]string, 0, len(need))
	for n := range need {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ewsHelpers reports whether the package gets the EWS profile's
// conveniences: with the EWS profile, when the schemas declare every name
// they use (Exchange's own schemas do; a small schema in EWS style may
// not).
func (p *plan) ewsHelpers() bool {
	// An operations subset (--operations) keeps only the types its
	// operations reach, which need not include the helpers' types.
	if !p.isEWS() || len(p.cfg.Operations) > 0 {
		return false
	}
	// ResponseMessages and messageError, which the helpers call, are
	// written only for schemas with Exchange's response status types.
	for _, n := range append(ewsHelperNeeds(), "ResponseCodeType", "ResponseClassType", "ResponseMessageType") {
		if _, ok := p.names[n]; !ok {
			return false
		}
	}
	return true
}

// responseNames gives every response message one name of one pattern: for
// each element of ResponseMessages (m:ArrayOfResponseMessagesType) whose
// Go type has another name, an alias named after the element when that
// name is free, so that every operation's message reads
// <Operation>ResponseMessage: FindItemResponseMessage stands for
// FindItemResponseMessageType, as CreateItemResponseMessage is the
// wrapper type of CreateItem's (naming rule 6).
func (g *emitter) responseNames(f *jen.File) {
	var arr *goType
	for _, t := range g.p.types {
		if t.kind == kStruct && g.kept(t) && t.xsdType != nil && t.xsdType.Name.Space == nsMessages && t.xsdType.Name.Local == "ArrayOfResponseMessagesType" {
			arr = t
		}
	}
	if arr == nil {
		return
	}
	for _, fl := range arr.fields {
		if fl.iface == nil {
			continue
		}
		for _, a := range fl.iface.alts {
			if a.t == nil || !g.kept(a.t) || a.name.Local == "" {
				continue
			}
			name := goName(a.name.Local)
			if name == a.t.name || name != upperFirst(a.name.Local) {
				continue
			}
			if _, taken := g.p.names[name]; taken {
				continue
			}
			f.Commentf("%s is the Go type of element %s in ResponseMessages.", name, g.p.prefixed(a.name))
			f.Type().Id(name).Op("=").Id(a.t.name)
		}
	}
}
