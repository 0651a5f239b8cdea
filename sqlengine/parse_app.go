package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

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
// package USING VERSION version [COMMENT = 'c']: it installs the
// application, running the version's setup script as the application
// (docs/compatibility.md G.5).
type CreateApplication struct {
	Name    string
	Package string
	Version string
	Comment *string // COMMENT = 'c'; nil when absent
}

var _ Statement = (*CreateApplication)(nil)

func (*CreateApplication) stmt() {}

// String implements Statement.
func (n *CreateApplication) String() string {
	s := createSQL(false)
	return s.w("APPLICATION", quoteName(n.Name), "FROM APPLICATION PACKAGE", quoteName(n.Package),
		"USING VERSION", quoteName(n.Version), commentSQL(n.Comment)).String()
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
	n.Comment = p.parseCommentOpt()
	return n
}

// atVersionedSchema reports whether the parser stands at VERSIONED SCHEMA.
func (p *parser) atVersionedSchema() bool {
	return isWordText(p.cur(), "VERSIONED") && p.peek(1).tok == SCHEMA
}

// CreateApplicationRole is CREATE [OR REPLACE] APPLICATION ROLE [IF NOT
// EXISTS] name [COMMENT = 'c'], valid only inside an application (spec
// B.4, §10.2).
type CreateApplicationRole struct {
	OrReplace   bool
	IfNotExists bool
	Name        string
	Comment     *string
}

var _ Statement = (*CreateApplicationRole)(nil)

func (*CreateApplicationRole) stmt() {}

// String implements Statement.
func (n *CreateApplicationRole) String() string {
	s := createSQL(n.OrReplace)
	return s.w("APPLICATION ROLE", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name), commentSQL(n.Comment)).String()
}

// parseCreateApplicationRole parses what follows CREATE [OR REPLACE]:
// APPLICATION ROLE [IF NOT EXISTS] name [COMMENT = 'c'].
func (p *parser) parseCreateApplicationRole(h createHeader) Statement {
	if h.secure || h.transient || h.temporary || h.materialized || h.versioned || h.orAlter {
		p.errorAt(p.cur())
	}
	p.next()
	p.next()
	n := &CreateApplicationRole{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
	n.Name = p.parseName(1)[0]
	n.Comment = p.parseCommentOpt()
	if n.OrReplace && n.IfNotExists && p.deferred == nil {
		p.deferred = sferr.SyntaxErrorMessage("options IF NOT EXISTS and OR REPLACE are incompatible.")
	}
	return n
}
