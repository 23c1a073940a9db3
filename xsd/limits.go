package xsd

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits bound the work Load does, so that a hostile or broken schema ends
// with an error in bounded time and memory. A zero field takes the value of
// DefaultLimits; the defaults are far above what real services need (the EWS
// schemas use less than a tenth of each).
type Limits struct {
	// FileBytes is the largest size of one input file.
	FileBytes int64
	// TotalBytes is the largest size of all input files together.
	TotalBytes int64
	// Files is the largest number of input files (each is listed in the
	// header of every generated file).
	Files int
	// XMLDepth is the deepest element nesting in one file.
	XMLDepth int
	// XMLNodes is the largest number of XML elements and attributes in all
	// files together.
	XMLNodes int
	// Components is the largest number of global declarations (types,
	// elements, attributes, groups, attribute groups) in all files.
	Components int
	// DerivationDepth is the longest chain of type derivations (a base, a
	// list item type or a union member type, each one step), of
	// substitution-group heads, and of group or attribute group references
	// inside one another.
	DerivationDepth int
	// Enumerations is the largest number of enumeration values of one
	// simple type.
	Enumerations int
	// Particles is the largest number of particles and attribute uses
	// after named groups and attribute groups are expanded where they are
	// referenced (each reference copies the group).
	Particles int
	// XgenBytes is the largest file the xgen cross-check reads, and the
	// largest total it reads over all files; larger files are loaded
	// without the cross-check (File.XgenSkipped says why).
	XgenBytes int64
}

// DefaultLimits returns the limits Load applies to zero fields of
// Options.Limits.
func DefaultLimits() Limits {
	return Limits{
		FileBytes:       64 << 20,
		TotalBytes:      256 << 20,
		Files:           1_000,
		XMLDepth:        256,
		XMLNodes:        4_000_000,
		Components:      200_000,
		DerivationDepth: 100,
		Enumerations:    50_000,
		Particles:       2_000_000,
		XgenBytes:       4 << 20,
	}
}

// WithDefaults returns l with its zero fields taken from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set64 := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set64(&l.FileBytes, d.FileBytes)
	set64(&l.TotalBytes, d.TotalBytes)
	set(&l.Files, d.Files)
	set(&l.XMLDepth, d.XMLDepth)
	set(&l.XMLNodes, d.XMLNodes)
	set(&l.Components, d.Components)
	set(&l.DerivationDepth, d.DerivationDepth)
	set(&l.Enumerations, d.Enumerations)
	set(&l.Particles, d.Particles)
	set64(&l.XgenBytes, d.XgenBytes)
	return l
}

// sizeString renders a byte count for messages.
func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// confinement decides which local files a schemaLocation may name: those
// inside the folder of an input file or inside a folder of
// Options.AllowPaths, after cleaning and resolving symbolic links.
type confinement struct {
	off   bool
	roots []string // absolute, symlinks resolved
}

func newConfinement(inputs []string, opts Options) (*confinement, error) {
	c := &confinement{off: opts.AllowOutside}
	if c.off {
		return c, nil
	}
	add := c.add
	for _, in := range inputs {
		if isURL(in) {
			continue
		}
		dir := path.Dir(in)
		if err := add(dir); err != nil {
			return nil, err
		}
	}
	for _, d := range opts.AllowPaths {
		fi, err := os.Stat(d)
		if err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("xsd: allowed path %s is not a folder", d)
		}
		if err := add(cleanPath(d)); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *confinement) add(dir string) error {
	abs, err := filepath.Abs(filepath.FromSlash(dir))
	if err != nil {
		return err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	for _, r := range c.roots {
		if r == abs {
			return nil
		}
	}
	c.roots = append(c.roots, abs)
	return nil
}

// allowFolder adds dir (slash-separated) to the allowed folders; the
// folders of catalogs and of the files they map to are added this way.
func (c *confinement) allowFolder(dir string) {
	if c.off {
		return
	}
	_ = c.add(dir) // an error means dir cannot be made absolute: nothing is allowed then
}

// within reports whether p is dir or inside it (both absolute and clean).
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// check returns an error when the local path p (slash-separated) lies
// outside every allowed folder, lexically or once its symbolic links are
// resolved.
func (c *confinement) check(p string) error {
	if c.off {
		return nil
	}
	abs, err := filepath.Abs(filepath.FromSlash(p))
	if err != nil {
		return err
	}
	inside := func(q string) bool {
		for _, r := range c.roots {
			if within(q, r) {
				return true
			}
		}
		return false
	}
	real := abs
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		real = r
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	} else if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		real = filepath.Join(d, filepath.Base(abs))
	}
	if inside(real) {
		return nil
	}
	what := "outside"
	if real != abs && inside(abs) {
		what = "through a symbolic link to " + filepath.ToSlash(real) + ", outside"
	}
	folders := make([]string, len(c.roots))
	for i, r := range c.roots {
		folders[i] = filepath.ToSlash(r)
	}
	return fmt.Errorf("%s is %s the allowed folders (%s); allow it with --allow-path DIR or --allow-outside",
		p, what, strings.Join(folders, ", "))
}
