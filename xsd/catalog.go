package xsd

import (
	"net/url"
	"path"
	"strings"
)

// OASIS XML catalogs (https://www.oasis-open.org/committees/entity/spec.html)
// map the absolute URIs a schema names to local files, so that absolute
// schemaLocations resolve offline.
//
// Entries read: uri (name -> uri), system (systemId -> uri), rewriteURI and
// rewriteSystem (uriStartString/systemIdStartString -> rewritePrefix, the
// longest matching prefix wins), uriSuffix and systemSuffix (uriSuffix/
// systemIdSuffix -> uri, the longest matching suffix wins), inside
// catalog and group elements, and nextCatalog (another catalog file, read
// after this one). xml:base on catalog, group and entries is honoured.
// Relative targets resolve against the catalog file's folder. A location is
// looked up exactly as written (no http/https or other variants are tried).
// uri and system entries are one table (schemaLocations are both URIs and
// system identifiers; the first entry for a name wins); an exact entry wins
// over a rewrite, a rewrite over a suffix.
//
// The folder of each catalog file and the folder of each target (a
// rewritePrefix is a folder) become allowed folders for the confinement of
// local reads: the user who names a catalog vouches for what it names. Other entries (public, delegate*) are ignored with
// a warning. Only file targets (relative paths, absolute paths, file: URIs)
// are accepted; a catalog that maps to http(s) is an error at the entry.

// nsCatalog is the namespace of OASIS XML catalogs.
const nsCatalog = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

// maxCatalogs bounds nextCatalog chains.
const maxCatalogs = 32

type catalog struct {
	exact    map[string]string // URI -> local path
	rewrites []catalogRewrite
	suffixes []catalogRewrite
}

type catalogRewrite struct {
	prefix string // start or suffix string
	target string // local path (a folder prefix for rewrites)
}

// loadCatalogs reads Options.Catalogs; problems are errors at the entry.
func (l *loader) loadCatalogs() {
	if len(l.opts.Catalogs) == 0 {
		return
	}
	c := &catalog{exact: map[string]string{}}
	l.catalog = c
	queue := []string{}
	for _, p := range l.opts.Catalogs {
		queue = append(queue, cleanPath(p))
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		if len(seen) >= maxCatalogs {
			l.errorf(Pos{File: p}, "more than %d catalog files (nextCatalog)", maxCatalogs)
			break
		}
		seen[p] = true
		data, err := l.readLocal(p)
		if err != nil {
			l.errorf(Pos{File: p}, "cannot read catalog: %v", err)
			continue
		}
		root, errs, _, fatal, nodes := parseXML(p, data, l.lim.XMLDepth, l.lim.XMLNodes-l.xmlNodes)
		l.xmlNodes += nodes
		l.addErrors(errs...)
		if fatal != nil {
			l.addErrors(fatal)
			continue
		}
		if !root.is(nsCatalog, "catalog") {
			l.errorf(root.pos, "root element is {%s}%s, want an OASIS XML catalog ({%s}catalog)", root.name.Space, root.name.Local, nsCatalog)
			continue
		}
		l.conf.allowFolder(path.Dir(p))
		next := l.catalogEntries(c, root, path.Dir(p))
		queue = append(queue, next...)
	}
}

// catalogEntries reads the entries of a catalog or group element n whose
// relative references resolve against base (a folder); it returns the
// nextCatalog files named.
func (l *loader) catalogEntries(c *catalog, n *node, base string) []string {
	if b, ok := xmlBase(n); ok {
		base = l.catalogTarget(n, base, b, true)
	}
	var next []string
	for _, e := range n.children {
		if e.name.Space != nsCatalog {
			continue
		}
		eb := base
		if b, ok := xmlBase(e); ok && e.name.Local != "group" {
			eb = l.catalogTarget(e, base, b, true)
		}
		attr := func(name string) (string, bool) {
			v, ok := e.attr(name)
			if !ok {
				l.errorf(e.pos, "catalog %s entry without %s", e.name.Local, name)
			}
			return strings.TrimSpace(v), ok
		}
		switch e.name.Local {
		case "group":
			next = append(next, l.catalogEntries(c, e, base)...)
		case "uri", "system":
			key := "name"
			if e.name.Local == "system" {
				key = "systemId"
			}
			name, ok1 := attr(key)
			target, ok2 := attr("uri")
			if ok1 && ok2 {
				if t := l.catalogTarget(e, eb, target, false); t != "" {
					if _, dup := c.exact[name]; !dup {
						c.exact[name] = t
						l.conf.allowFolder(path.Dir(t))
					}
				}
			}
		case "rewriteURI", "rewriteSystem":
			key := "uriStartString"
			if e.name.Local == "rewriteSystem" {
				key = "systemIdStartString"
			}
			start, ok1 := attr(key)
			prefix, ok2 := attr("rewritePrefix")
			if ok1 && ok2 && start != "" {
				if t := l.catalogTarget(e, eb, prefix, true); t != "" {
					c.rewrites = append(c.rewrites, catalogRewrite{start, t})
					l.conf.allowFolder(path.Dir(t + "x"))
				}
			}
		case "uriSuffix", "systemSuffix":
			key := "uriSuffix"
			if e.name.Local == "systemSuffix" {
				key = "systemIdSuffix"
			}
			suffix, ok1 := attr(key)
			target, ok2 := attr("uri")
			if ok1 && ok2 && suffix != "" {
				if t := l.catalogTarget(e, eb, target, false); t != "" {
					c.suffixes = append(c.suffixes, catalogRewrite{suffix, t})
					l.conf.allowFolder(path.Dir(t))
				}
			}
		case "nextCatalog":
			if p, ok := attr("catalog"); ok {
				if t := l.catalogTarget(e, eb, p, false); t != "" {
					next = append(next, t)
				}
			}
		default:
			l.warnf(e.pos, "catalog entry %s is not supported and is ignored", e.name.Local)
		}
	}
	return next
}

func xmlBase(n *node) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "xml" && a.Name.Local == "base" {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// catalogTarget resolves a catalog reference against the folder base. A
// folder prefix (dir true) keeps a trailing slash. It returns "" after
// recording an error when the target is not a local file.
func (l *loader) catalogTarget(e *node, base, ref string, dir bool) string {
	if strings.HasPrefix(ref, "file:") {
		u, err := url.Parse(ref)
		if err != nil || u.Path == "" {
			l.errorf(e.pos, "catalog %s: invalid file URI %q", e.name.Local, ref)
			return ""
		}
		ref = u.Path
	} else if i := strings.Index(ref, ":"); i > 1 && !strings.ContainsAny(ref[:i], "/\\") {
		l.errorf(e.pos, "catalog %s: target %q is not a local file (only relative paths, absolute paths and file: URIs are accepted)", e.name.Local, ref)
		return ""
	}
	var p string
	if path.IsAbs(ref) {
		p = path.Clean(ref)
	} else {
		p = path.Clean(path.Join(base, ref))
	}
	if dir && (strings.HasSuffix(ref, "/") || ref == "") {
		p += "/"
	}
	return p
}

// lookup maps an absolute URI to a local path.
func (c *catalog) lookup(uri string) (string, bool) {
	if c == nil {
		return "", false
	}
	if p, ok := c.exact[uri]; ok {
		return p, true
	}
	best := -1
	for i, r := range c.rewrites {
		if strings.HasPrefix(uri, r.prefix) && (best < 0 || len(r.prefix) > len(c.rewrites[best].prefix)) {
			best = i
		}
	}
	if best >= 0 {
		r := c.rewrites[best]
		rest := strings.TrimPrefix(uri, r.prefix)
		if i := strings.IndexAny(rest, "?#"); i >= 0 {
			rest = rest[:i]
		}
		return path.Clean(r.target + rest), true
	}
	best = -1
	for i, r := range c.suffixes {
		if strings.HasSuffix(uri, r.prefix) && (best < 0 || len(r.prefix) > len(c.suffixes[best].prefix)) {
			best = i
		}
	}
	if best >= 0 {
		return c.suffixes[best].target, true
	}
	return "", false
}
