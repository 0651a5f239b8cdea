package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// CreateApplicationPackage is CREATE APPLICATION PACKAGE [IF NOT EXISTS]
// name [COMMENT = 'c'] [DISTRIBUTION = INTERNAL | EXTERNAL].
type CreateApplicationPackage struct {
	IfNotExists  bool
	Name         string
	Comment      *string
	Distribution string // "" when absent
}

var _ Statement = (*CreateApplicationPackage)(nil)

func (*CreateApplicationPackage) stmt() {}

// String implements Statement.
func (n *CreateApplicationPackage) String() string {
	s := createSQL(false)
	s.w("APPLICATION PACKAGE", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name), commentSQL(n.Comment))
	if n.Distribution != "" {
		s.w("DISTRIBUTION =", n.Distribution)
	}
	return s.String()
}

// AddApplicationVersion is ALTER APPLICATION PACKAGE name ADD VERSION
// version USING 'path' [LABEL = 'l']: the path names an application folder
// on disk, which stands in for the stage Snowflake reads
// (docs/compatibility.md G.4). The label is accepted and not kept.
type AddApplicationVersion struct {
	Package string
	Version string
	Path    string
	Label   *string
}

var _ Statement = (*AddApplicationVersion)(nil)

func (*AddApplicationVersion) stmt() {}

// String implements Statement.
func (n *AddApplicationVersion) String() string {
	var s sqlWriter
	s.w("ALTER APPLICATION PACKAGE", quoteName(n.Package), "ADD VERSION", quoteName(n.Version),
		"USING", quoteString(n.Path))
	return s.w(labelSQL(n.Label)).String()
}

// AddApplicationPatch is ALTER APPLICATION PACKAGE name ADD PATCH [n] FOR
// VERSION version USING 'path' [LABEL = 'l'].
type AddApplicationPatch struct {
	Package string
	Patch   *int // nil: one more than the version's highest
	Version string
	Path    string
	Label   *string
}

var _ Statement = (*AddApplicationPatch)(nil)

func (*AddApplicationPatch) stmt() {}

// String implements Statement.
func (n *AddApplicationPatch) String() string {
	var s sqlWriter
	s.w("ALTER APPLICATION PACKAGE", quoteName(n.Package), "ADD PATCH")
	if n.Patch != nil {
		s.w(strconv.Itoa(*n.Patch))
	}
	s.w("FOR VERSION", quoteName(n.Version), "USING", quoteString(n.Path))
	return s.w(labelSQL(n.Label)).String()
}

// DropApplicationVersion is ALTER APPLICATION PACKAGE name DROP VERSION v.
type DropApplicationVersion struct {
	Package string
	Version string
}

var _ Statement = (*DropApplicationVersion)(nil)

func (*DropApplicationVersion) stmt() {}

// String implements Statement.
func (n *DropApplicationVersion) String() string {
	var s sqlWriter
	return s.w("ALTER APPLICATION PACKAGE", quoteName(n.Package), "DROP VERSION", quoteName(n.Version)).String()
}

func labelSQL(l *string) string {
	if l == nil {
		return ""
	}
	return "LABEL = " + quoteString(*l)
}

// atApplicationPackage reports whether the parser stands at APPLICATION PACKAGE.
func (p *parser) atApplicationPackage() bool {
	return p.tok == APPLICATION && isWordText(p.peek(1), "PACKAGE")
}

// skipWords consumes the given words in order, or fails at the first that
// is not there.
func (p *parser) skipWords(words ...string) {
	for _, w := range words {
		if !isWordText(p.cur(), w) {
			p.errorUnexpected()
		}
		p.next()
	}
}

// parsePatchNumber reads a patch number (a non-negative integer).
func (p *parser) parsePatchNumber() *int {
	t := p.expect(NUMBER)
	n, err := strconv.Atoi(t.lit)
	if err != nil || n < 0 {
		p.errorAt(t)
	}
	return &n
}

// parsePath reads the string literal naming an application folder.
func (p *parser) parsePath() string {
	t := p.cur()
	path := p.parseString()
	if strings.TrimSpace(path) == "" {
		p.errorAt(t)
	}
	return path
}

// parseLabelOpt reads [LABEL = 'l'].
func (p *parser) parseLabelOpt() *string {
	if isWordText(p.cur(), "LABEL") && p.peek(1).tok == EQ {
		p.next()
		p.next()
		l := p.parseString()
		return &l
	}
	return nil
}

// parseCreateApplicationPackage parses what follows CREATE: APPLICATION
// PACKAGE [IF NOT EXISTS] name and COMMENT / DISTRIBUTION in any order. OR
// REPLACE and other properties are a syntax error.
func (p *parser) parseCreateApplicationPackage(h createHeader) Statement {
	if h.orReplace || h.secure || h.transient || h.temporary || h.materialized {
		p.errorAt(p.cur())
	}
	p.next()
	p.next()
	n := &CreateApplicationPackage{IfNotExists: p.parseIfNotExists()}
	n.Name = p.parseName(1)[0]
	for {
		switch {
		case n.Comment == nil && p.tok == COMMENT && p.peek(1).tok == EQ:
			n.Comment = p.parseCommentWordOpt()
		case n.Distribution == "" && isWordText(p.cur(), "DISTRIBUTION") && p.peek(1).tok == EQ:
			p.next()
			p.next()
			t := p.cur()
			n.Distribution = p.word()
			if n.Distribution != "INTERNAL" && n.Distribution != "EXTERNAL" {
				p.errorAt(t)
			}
		default:
			return n
		}
	}
}

// parseAlterApplicationPackage parses what follows ALTER: APPLICATION
// PACKAGE name and ADD VERSION v USING 'path' [LABEL = 'l'], ADD PATCH [n]
// FOR VERSION v USING 'path' [LABEL = 'l'] or DROP VERSION v.
func (p *parser) parseAlterApplicationPackage() Statement {
	p.next()
	p.next()
	pkg := p.parseName(1)[0]
	switch {
	case p.tok == DROP:
		p.next()
		p.skipWords("VERSION")
		return &DropApplicationVersion{Package: pkg, Version: p.parseIdent()}
	case isWordText(p.cur(), "ADD") && isWordText(p.peek(1), "PATCH"):
		p.next()
		p.next()
		n := &AddApplicationPatch{Package: pkg}
		if p.tok == NUMBER {
			n.Patch = p.parsePatchNumber()
		}
		p.expect(FOR)
		p.skipWords("VERSION")
		n.Version = p.parseIdent()
		p.skipWords("USING")
		n.Path = p.parsePath()
		n.Label = p.parseLabelOpt()
		return n
	}
	p.skipWords("ADD", "VERSION")
	n := &AddApplicationVersion{Package: pkg, Version: p.parseIdent()}
	p.skipWords("USING")
	n.Path = p.parsePath()
	n.Label = p.parseLabelOpt()
	return n
}

// CreateApplication is CREATE APPLICATION name FROM APPLICATION PACKAGE
// package [USING VERSION version [PATCH n] | USING 'path'] [DEBUG_MODE =
// TRUE | FALSE] [COMMENT = 'c']: it installs the application, running the
// setup script as the application (docs/compatibility.md G.5). USING 'path'
// is development mode: the folder's files, not a version.
type CreateApplication struct {
	Name      string
	Package   string
	Version   string // "" with Path
	Patch     *int
	Path      string // development mode: the application folder
	DebugMode *bool
	Comment   *string // COMMENT = 'c'; nil when absent
}

var _ Statement = (*CreateApplication)(nil)

func (*CreateApplication) stmt() {}

// String implements Statement.
func (n *CreateApplication) String() string {
	s := createSQL(false)
	s.w("APPLICATION", quoteName(n.Name), "FROM APPLICATION PACKAGE", quoteName(n.Package))
	s.w(usingSQL(n.Version, n.Patch, n.Path))
	if n.DebugMode != nil {
		s.w("DEBUG_MODE =", strings.ToUpper(strconv.FormatBool(*n.DebugMode)))
	}
	return s.w(commentSQL(n.Comment)).String()
}

// usingSQL spells USING VERSION v [PATCH n] or USING 'path'.
func usingSQL(version string, patch *int, path string) string {
	switch {
	case path != "":
		return "USING " + quoteString(path)
	case version != "":
		s := "USING VERSION " + quoteName(version)
		if patch != nil {
			s += " PATCH " + strconv.Itoa(*patch)
		}
		return s
	}
	return ""
}

// parseAppUsing reads USING VERSION v [PATCH n] | USING 'path' when it is
// there.
func (p *parser) parseAppUsing() (version string, patch *int, path string) {
	if !isWordText(p.cur(), "USING") {
		return "", nil, ""
	}
	p.next()
	if p.tok == STRING {
		return "", nil, p.parsePath()
	}
	p.skipWords("VERSION")
	version = p.parseIdent()
	if isWordText(p.cur(), "PATCH") {
		p.next()
		patch = p.parsePatchNumber()
	}
	return version, patch, ""
}

// parseCommentWordOpt is parseCommentOpt that also takes a bare word as
// the comment: snowflake-cli writes `comment = GENERATED_BY_SNOWFLAKECLI`
// unquoted (sf_sql_facade.py, create_application_package and
// create_application), and Snowflake accepts it. The word is kept as
// written, upper case unless quoted.
func (p *parser) parseCommentWordOpt() *string {
	if p.tok == COMMENT && p.peek(1).tok == EQ && p.peek(2).tok != STRING && isNameStart(p.peek(2)) {
		p.next()
		p.next()
		w := p.parseIdent()
		return &w
	}
	return p.parseCommentOpt()
}

// parseBoolValue reads TRUE or FALSE.
func (p *parser) parseBoolValue() bool {
	switch {
	case p.got(TRUE):
		return true
	case p.got(FALSE):
		return false
	}
	p.errorUnexpected()
	return false
}

// atCreateApplication reports whether the parser stands at APPLICATION name
// FROM (CREATE APPLICATION ROLE and the other forms are not this statement).
func (p *parser) atCreateApplication() bool {
	return p.tok == APPLICATION && p.peek(1).tok != ROLE && p.peek(2).tok == FROM
}

// parseCreateApplication parses what follows CREATE: APPLICATION name FROM
// APPLICATION PACKAGE package [USING ...] [DEBUG_MODE = b] [COMMENT = 'c'].
// USING is required (Frostgate has no release directives to install from).
// OR REPLACE, IF NOT EXISTS, FROM LISTING and other properties are a syntax
// error.
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
	if !isWordText(p.cur(), "USING") {
		p.errorUnexpected()
	}
	n.Version, n.Patch, n.Path = p.parseAppUsing()
	for {
		switch {
		case n.DebugMode == nil && isWordText(p.cur(), "DEBUG_MODE") && p.peek(1).tok == EQ:
			p.next()
			p.next()
			b := p.parseBoolValue()
			n.DebugMode = &b
		case n.Comment == nil && p.tok == COMMENT && p.peek(1).tok == EQ:
			n.Comment = p.parseCommentWordOpt()
		default:
			return n
		}
	}
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
	AlterAppUpgrade                                           // UPGRADE [USING VERSION v [PATCH n] | USING 'path']
	AlterAppSet                                               // SET DEBUG_MODE = b | COMMENT = 'c' ...
	AlterAppUnset                                             // UNSET DEBUG_MODE | COMMENT [, ...]
)

// AlterApplication is ALTER APPLICATION name UNSET REFERENCES [('name' [,
// 'alias'])], UPGRADE [USING VERSION version [PATCH n] | USING 'path'], SET
// DEBUG_MODE = b | COMMENT = 'c' or UNSET DEBUG_MODE | COMMENT.
type AlterApplication struct {
	Name     string
	Action   AlterApplicationAction
	RefName  *string // UNSET REFERENCES: the reference definition; nil for all
	Alias    *string // UNSET REFERENCES: one binding of it; nil for all of them
	Version  string  // UPGRADE USING VERSION
	Patch    *int    // UPGRADE USING VERSION v PATCH n
	Path     string  // UPGRADE USING 'path' (development mode)
	Settings []AppSetting
}

// AppSetting is one property of ALTER APPLICATION SET / UNSET: Key is
// DEBUG_MODE or COMMENT, Value "TRUE"/"FALSE" or the comment.
type AppSetting struct {
	Key   string
	Value string
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
		s.w("UPGRADE", usingSQL(n.Version, n.Patch, n.Path))
	case AlterAppSet:
		s.w("SET")
		for _, st := range n.Settings {
			v := st.Value
			if st.Key == "COMMENT" {
				v = quoteString(v)
			}
			s.w(st.Key, "=", v)
		}
	case AlterAppUnset:
		keys := make([]string, len(n.Settings))
		for i, st := range n.Settings {
			keys[i] = st.Key
		}
		s.w("UNSET", strings.Join(keys, ", "))
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
// UNSET REFERENCES, UPGRADE, SET or UNSET; other forms are Unsupported.
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
	case isWordText(p.cur(), "UPGRADE"):
		p.next()
		n.Action = AlterAppUpgrade
		n.Version, n.Patch, n.Path = p.parseAppUsing()
	case p.tok == SET && p.atAppSetting(1):
		p.next()
		n.Action = AlterAppSet
		for p.atAppSetting(0) {
			st := AppSetting{Key: p.word()}
			p.expect(EQ)
			if st.Key == "COMMENT" {
				st.Value = p.parseString()
			} else {
				st.Value = strings.ToUpper(strconv.FormatBool(p.parseBoolValue()))
			}
			n.Settings = append(n.Settings, st)
			p.got(COMMA)
		}
	case p.tok == UNSET && p.atAppSetting(1):
		p.next()
		n.Action = AlterAppUnset
		for {
			if !p.atAppSetting(0) {
				p.errorUnexpected()
			}
			n.Settings = append(n.Settings, AppSetting{Key: p.word()})
			if !p.got(COMMA) {
				break
			}
		}
	default:
		return p.unsupported(start, "ALTER APPLICATION")
	}
	return n
}

// atAppSetting reports whether the token at offset i is a property ALTER
// APPLICATION SET / UNSET runs (DEBUG_MODE, COMMENT); other properties
// (SHARE_EVENTS_WITH_PROVIDER, ...) stay Unsupported.
func (p *parser) atAppSetting(i int) bool {
	t := p.peek(i)
	return isWordText(t, "DEBUG_MODE") || t.tok == COMMENT
}

// ShowVersions is SHOW VERSIONS [LIKE 'pattern'] IN APPLICATION PACKAGE name.
type ShowVersions struct {
	Like    *string
	Package string
}

var _ Statement = (*ShowVersions)(nil)

func (*ShowVersions) stmt() {}

// String implements Statement.
func (n *ShowVersions) String() string {
	var s sqlWriter
	s.w("SHOW VERSIONS")
	if n.Like != nil {
		s.w("LIKE", quoteString(*n.Like))
	}
	return s.w("IN APPLICATION PACKAGE", quoteName(n.Package)).String()
}

// atShowVersions reports whether SHOW continues with VERSIONS [LIKE 'p'] IN.
func (p *parser) atShowVersions() bool {
	return isWordText(p.cur(), "VERSIONS") && (p.peek(1).tok == IN || p.peek(1).tok == LIKE)
}

func (p *parser) parseShowVersions() Statement {
	p.next()
	n := &ShowVersions{}
	if p.got(LIKE) {
		l := p.parseString()
		n.Like = &l
	}
	p.expect(IN)
	if !p.atApplicationPackage() {
		p.errorUnexpected()
	}
	p.next()
	p.next()
	n.Package = p.parseName(1)[0]
	return n
}

// ShowTelemetryEventDefinitions is SHOW TELEMETRY EVENT DEFINITIONS IN
// APPLICATION name, which snowflake-cli's `snow app run` sends after every
// install or upgrade (get_event_definitions).
type ShowTelemetryEventDefinitions struct {
	Application string
}

var _ Statement = (*ShowTelemetryEventDefinitions)(nil)

func (*ShowTelemetryEventDefinitions) stmt() {}

// String implements Statement.
func (n *ShowTelemetryEventDefinitions) String() string {
	return "SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION " + quoteName(n.Application)
}

// atShowTelemetry reports whether SHOW continues with TELEMETRY EVENT
// DEFINITIONS IN APPLICATION.
func (p *parser) atShowTelemetry() bool {
	return isWordText(p.cur(), "TELEMETRY") && isWordText(p.peek(1), "EVENT") &&
		isWordText(p.peek(2), "DEFINITIONS") && p.peek(3).tok == IN && p.peek(4).tok == APPLICATION
}

func (p *parser) parseShowTelemetry() Statement {
	for range 5 {
		p.next()
	}
	return &ShowTelemetryEventDefinitions{Application: p.parseName(1)[0]}
}

// ShowPrivileges is SHOW PRIVILEGES IN APPLICATION name.
type ShowPrivileges struct {
	Application string
}

var _ Statement = (*ShowPrivileges)(nil)

func (*ShowPrivileges) stmt() {}

// String implements Statement.
func (n *ShowPrivileges) String() string {
	return "SHOW PRIVILEGES IN APPLICATION " + quoteName(n.Application)
}

// atShowPrivileges reports whether SHOW continues with PRIVILEGES IN
// APPLICATION.
func (p *parser) atShowPrivileges() bool {
	return isWordText(p.cur(), "PRIVILEGES") && p.peek(1).tok == IN && p.peek(2).tok == APPLICATION
}

func (p *parser) parseShowPrivileges() Statement {
	p.next()
	p.next()
	p.next()
	return &ShowPrivileges{Application: p.parseName(1)[0]}
}

// ShowObjectsOwnedByApplication is SHOW OBJECTS OWNED BY APPLICATION name.
type ShowObjectsOwnedByApplication struct {
	Application string
}

var _ Statement = (*ShowObjectsOwnedByApplication)(nil)

func (*ShowObjectsOwnedByApplication) stmt() {}

// String implements Statement.
func (n *ShowObjectsOwnedByApplication) String() string {
	return "SHOW OBJECTS OWNED BY APPLICATION " + quoteName(n.Application)
}

// atShowOwnedObjects reports whether SHOW continues with OBJECTS OWNED BY
// APPLICATION.
func (p *parser) atShowOwnedObjects() bool {
	return isWordText(p.cur(), "OBJECTS") && isWordText(p.peek(1), "OWNED") && isWordText(p.peek(2), "BY") &&
		p.peek(3).tok == APPLICATION
}

func (p *parser) parseShowOwnedObjects() Statement {
	for range 4 {
		p.next()
	}
	return &ShowObjectsOwnedByApplication{Application: p.parseName(1)[0]}
}
