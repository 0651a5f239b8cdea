package sqlengine

import "strings"

// CreateApplicationPackage is CREATE APPLICATION PACKAGE [IF NOT EXISTS] name.
type CreateApplicationPackage struct {
	IfNotExists bool
	Name        string
}

var _ Statement = (*CreateApplicationPackage)(nil)

func (*CreateApplicationPackage) stmt() {}

// String implements Statement.
func (n *CreateApplicationPackage) String() string {
	s := createSQL(false)
	return s.w("APPLICATION PACKAGE", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name)).String()
}

// AddApplicationVersion is ALTER APPLICATION PACKAGE name ADD VERSION
// version USING 'path': the path names an application folder on disk, which
// stands in for the stage Snowflake reads (docs/compatibility.md G.4).
type AddApplicationVersion struct {
	Package string
	Version string
	Path    string
}

var _ Statement = (*AddApplicationVersion)(nil)

func (*AddApplicationVersion) stmt() {}

// String implements Statement.
func (n *AddApplicationVersion) String() string {
	var s sqlWriter
	return s.w("ALTER APPLICATION PACKAGE", quoteName(n.Package), "ADD VERSION", quoteName(n.Version),
		"USING", quoteString(n.Path)).String()
}

// atApplicationPackage reports whether the parser stands at APPLICATION PACKAGE.
func (p *parser) atApplicationPackage() bool {
	return p.tok == APPLICATION && isWordText(p.peek(1), "PACKAGE")
}

// parseCreateApplicationPackage parses what follows CREATE: APPLICATION
// PACKAGE [IF NOT EXISTS] name. OR REPLACE is not accepted.
func (p *parser) parseCreateApplicationPackage(h createHeader) Statement {
	if h.orReplace || h.secure || h.transient || h.temporary || h.materialized {
		p.errorAt(p.cur())
	}
	p.next()
	p.next()
	n := &CreateApplicationPackage{IfNotExists: p.parseIfNotExists()}
	n.Name = p.parseName(1)[0]
	return n
}

// parseAlterApplicationPackage parses what follows ALTER: APPLICATION
// PACKAGE name ADD VERSION version USING 'path'.
func (p *parser) parseAlterApplicationPackage() Statement {
	p.next()
	p.next()
	n := &AddApplicationVersion{Package: p.parseName(1)[0]}
	if !isWordText(p.cur(), "ADD") {
		p.errorUnexpected()
	}
	p.next()
	if !isWordText(p.cur(), "VERSION") {
		p.errorUnexpected()
	}
	p.next()
	n.Version = p.parseIdent()
	if !isWordText(p.cur(), "USING") {
		p.errorUnexpected()
	}
	p.next()
	n.Path = p.parseString()
	if strings.TrimSpace(n.Path) == "" {
		p.errorUnexpected()
	}
	return n
}

// CreateApplication is CREATE APPLICATION name FROM APPLICATION PACKAGE
// package USING VERSION version. Installing (running the version's setup
// script as the application) is not emulated yet: the statement checks the
// package and the version and then is refused (docs/compatibility.md G.4).
type CreateApplication struct {
	Name    string
	Package string
	Version string
}

var _ Statement = (*CreateApplication)(nil)

func (*CreateApplication) stmt() {}

// String implements Statement.
func (n *CreateApplication) String() string {
	s := createSQL(false)
	return s.w("APPLICATION", quoteName(n.Name), "FROM APPLICATION PACKAGE", quoteName(n.Package),
		"USING VERSION", quoteName(n.Version)).String()
}

// atCreateApplication reports whether the parser stands at APPLICATION name
// FROM (CREATE APPLICATION ROLE and the other forms are not this statement).
func (p *parser) atCreateApplication() bool {
	return p.tok == APPLICATION && p.peek(1).tok != ROLE && p.peek(2).tok == FROM
}

// parseCreateApplication parses what follows CREATE: APPLICATION name FROM
// APPLICATION PACKAGE package USING VERSION version. OR REPLACE, IF NOT
// EXISTS and the other install forms (FROM LISTING, USING '@stage', PATCH,
// properties) are a syntax error.
func (p *parser) parseCreateApplication(h createHeader) Statement {
	if h.orReplace || h.secure || h.transient || h.temporary || h.materialized {
		p.errorAt(p.cur())
	}
	p.next()
	n := &CreateApplication{Name: p.parseIdent()}
	p.expect(FROM)
	if !p.atApplicationPackage() {
		p.errorUnexpected()
	}
	p.next()
	p.next()
	n.Package = p.parseIdent()
	for _, w := range []string{"USING", "VERSION"} {
		if !isWordText(p.cur(), w) {
			p.errorUnexpected()
		}
		p.next()
	}
	n.Version = p.parseIdent()
	return n
}
