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

// ShowReferences is SHOW REFERENCES IN APPLICATION name (spec §9.5).
type ShowReferences struct {
	Application string
}

var _ Statement = (*ShowReferences)(nil)

func (*ShowReferences) stmt() {}

// String implements Statement.
func (n *ShowReferences) String() string {
	return "SHOW REFERENCES IN APPLICATION " + quoteName(n.Application)
}

// atShowReferences reports whether SHOW continues with REFERENCES IN APPLICATION.
func (p *parser) atShowReferences() bool {
	return isWordText(p.cur(), "REFERENCES") && p.peek(1).tok == IN && p.peek(2).tok == APPLICATION
}

func (p *parser) parseShowReferences() Statement {
	p.next()
	p.next()
	p.next()
	return &ShowReferences{Application: p.parseName(1)[0]}
}

// AlterApplicationAction says which ALTER APPLICATION form was written.
type AlterApplicationAction int

// The ALTER APPLICATION forms Frostgate runs.
const (
	AlterAppUnsetReferences AlterApplicationAction = iota + 1 // UNSET REFERENCES [('name' [, 'alias'])]
	AlterAppUpgrade                                           // UPGRADE USING VERSION v
)

// AlterApplication is ALTER APPLICATION name UNSET REFERENCES [('name' [,
// 'alias'])] or ALTER APPLICATION name UPGRADE USING VERSION version.
type AlterApplication struct {
	Name    string
	Action  AlterApplicationAction
	RefName *string // UNSET REFERENCES: the reference definition; nil for all
	Alias   *string // UNSET REFERENCES: one binding of it; nil for all of them
	Version string  // UPGRADE
}

var _ Statement = (*AlterApplication)(nil)

func (*AlterApplication) stmt() {}

// String implements Statement.
func (n *AlterApplication) String() string {
	var s sqlWriter
	s.w("ALTER APPLICATION", quoteName(n.Name))
	switch n.Action {
	case AlterAppUnsetReferences:
		s.w("UNSET REFERENCES")
		if n.RefName != nil {
			s.raw(" (" + quoteString(*n.RefName))
			if n.Alias != nil {
				s.raw(", " + quoteString(*n.Alias))
			}
			s.raw(")")
		}
	case AlterAppUpgrade:
		s.w("UPGRADE USING VERSION", quoteName(n.Version))
	}
	return s.String()
}

// atAlterApplication reports whether ALTER continues with APPLICATION name
// (not APPLICATION PACKAGE or APPLICATION ROLE).
func (p *parser) atAlterApplication() bool {
	return p.tok == APPLICATION && p.peek(1).tok != ROLE && isNameStart(p.peek(1)) &&
		!isWordText(p.peek(1), "PACKAGE")
}

// parseAlterApplication parses what follows ALTER: APPLICATION name and
// UNSET REFERENCES or UPGRADE USING VERSION; other forms are Unsupported.
func (p *parser) parseAlterApplication(start int) Statement {
	p.next()
	n := &AlterApplication{Name: p.parseName(1)[0]}
	switch {
	case p.tok == UNSET && isWordText(p.peek(1), "REFERENCES"):
		p.next()
		p.next()
		n.Action = AlterAppUnsetReferences
		if p.got(LPAREN) {
			name := p.parseString()
			n.RefName = &name
			if p.got(COMMA) {
				alias := p.parseString()
				n.Alias = &alias
			}
			p.expect(RPAREN)
		}
	case isWordText(p.cur(), "UPGRADE") && isWordText(p.peek(1), "USING") && isWordText(p.peek(2), "VERSION"):
		p.next()
		p.next()
		p.next()
		n.Action = AlterAppUpgrade
		n.Version = p.parseIdent()
	default:
		return p.unsupported(start, "ALTER APPLICATION")
	}
	return n
}
