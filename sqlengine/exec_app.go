package sqlengine

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/nativeapp"
	"github.com/frostgate/frostgate/sferr"
)

func (s *Session) execCreateApplicationPackage(n *CreateApplicationPackage) (*Result, error) {
	var props []account.PackageProp
	if n.Comment != nil {
		props = append(props, account.PackageProp{Key: "COMMENT", Value: *n.Comment})
	}
	if n.Distribution != "" {
		props = append(props, account.PackageProp{Key: "DISTRIBUTION", Value: n.Distribution})
	}
	exists, err := s.acct.CreateApplicationPackage(s.actor, n.Name, n.IfNotExists, props...)
	if err != nil {
		return nil, err
	}
	if exists {
		return status(KindDDL, n.Name+" already exists, statement succeeded."), nil
	}
	return status(KindDDL, "Application Package '"+n.Name+"' created successfully."), nil
}

// execAddApplicationVersion reads the application folder n.Path names (a
// folder on disk stands in for a stage): a relative path is resolved against
// the engine's application root, by default the process's working directory.
func (s *Session) execAddApplicationVersion(n *AddApplicationVersion) (*Result, error) {
	if err := s.AddApplicationVersion(n.Package, n.Version, n.Path); err != nil {
		return nil, err
	}
	return status(KindDDL, executedOK), nil
}

// AddApplicationVersion is the Go API of ALTER APPLICATION PACKAGE pkg ADD
// VERSION version USING 'dir': it reads and validates the application folder
// dir and adds it to the package as version. Names are as stored (upper case
// unless quoted). A broken folder is an error naming the file, the line and
// the problem, and leaves the package as it was.
func (s *Session) AddApplicationVersion(pkg, version, dir string) error {
	v, ferr := s.readAppFolder(dir)
	if _, err := s.acct.AddVersionFrom(s.actor, pkg, version, nil, false, v, ferr); err != nil {
		return toSF(err)
	}
	return nil
}

// readAppFolder reads and checks the application folder dir (manifest,
// setup script grammar) into what account keeps of a version; ferr says
// what is wrong with it (file, line, problem).
func (s *Session) readAppFolder(dir string) (v account.AppVersion, ferr error) {
	if s.eng.appRoot != "" && !filepath.IsAbs(dir) {
		dir = filepath.Join(s.eng.appRoot, dir)
	}
	folder, ferr := nativeapp.Load(dir)
	if ferr == nil {
		ferr = checkSetupScript(folder)
	}
	if ferr != nil {
		return v, ferr
	}
	v.Folder = folder
	v.ManifestVersion = folder.Manifest.ManifestVersion
	for _, p := range folder.Manifest.Privileges {
		v.Privileges = append(v.Privileges, account.AppPrivilege{Name: p.Name, Description: p.Description})
	}
	for _, r := range folder.Manifest.References {
		v.References = append(v.References, account.RefDefinition{Name: r.Name, Label: r.Label,
			Description: r.Description, Privileges: r.Privileges, ObjectType: r.ObjectType,
			MultiValued: r.MultiValued, RegisterCallback: r.RegisterCallback,
			ConfigurationCallback: r.ConfigurationCallback, RequiredAtSetup: r.RequiredAtSetup})
	}
	return v, nil
}

// syntaxLine finds the statement-relative line of a syntax error's text.
var syntaxLine = regexp.MustCompile(`syntax error line (\d+) at`)

// setupStatement is one statement of a setup script: its text and the line
// of the script it starts on.
type setupStatement struct {
	text string
	line int
}

// splitSetupScript cuts a setup script into its statements as
// SplitStatements does (strings, comments, $$ bodies and anonymous blocks
// keep their semicolons), each with the line it starts on; a last statement
// without ';' counts too.
func splitSetupScript(src string) []setupStatement {
	spans, _, pending := statementSpans(src)
	if pending >= 0 {
		spans = append(spans, [2]int{pending, len(src)})
	}
	out := make([]setupStatement, 0, len(spans))
	for _, sp := range spans {
		out = append(out, setupStatement{text: src[sp[0]:sp[1]], line: strings.Count(src[:sp[0]], "\n") + 1})
	}
	return out
}

// scriptError is a setup script failure as a *nativeapp.Error: the file,
// the line (of the error, counted from the top of the file) and the
// message, a syntax error's own "line N" rewritten to match.
func scriptError(file string, st setupStatement, err error) *nativeapp.Error {
	line, msg := st.line, err.Error()
	if se := sferr.As(err); se != nil {
		msg = se.Message
		if m := syntaxLine.FindStringSubmatchIndex(msg); m != nil {
			n, _ := strconv.Atoi(msg[m[2]:m[3]])
			line = st.line + n - 1
			msg = msg[:m[2]] + strconv.Itoa(line) + msg[m[3]:]
		}
	}
	return &nativeapp.Error{File: file, Line: line, Msg: strings.ReplaceAll(msg, "\n", " ")}
}

// checkSetupScript parses every statement of a folder's setup script and
// of the files it includes with EXECUTE IMMEDIATE FROM, which are read now
// (folder.Files): the first statement that does not parse, or file that
// cannot be read, is a *nativeapp.Error naming the file, the line and the
// problem. Only the grammar is checked; statements are run when an
// application is created (runSetupScript).
func checkSetupScript(folder *nativeapp.Folder) error {
	if f := walkSetupFile(folder, "", folder.SetupScript, 0, func(Statement, *parser, string) error { return nil }); f != nil {
		return f.where
	}
	return nil
}

// ApplicationVersions lists the versions of an application package the
// session's roles own, oldest first.
func (s *Session) ApplicationVersions(pkg string) ([]string, error) {
	names, err := s.acct.ApplicationVersions(s.actor, pkg)
	if err != nil {
		return nil, toSF(err)
	}
	return names, nil
}

// execCreateApplication installs an application (docs/compatibility.md G.5).
func (s *Session) execCreateApplication(ctx context.Context, n *CreateApplication) (*Result, error) {
	comment := ""
	if n.Comment != nil {
		comment = *n.Comment
	}
	src, err := s.appSource(n.Version, n.Patch, n.Path)
	if err != nil {
		return nil, err
	}
	if err := s.installApplication(ctx, n.Name, n.Package, src, comment); err != nil {
		return nil, err
	}
	if n.DebugMode != nil {
		settings := []account.AppSetting{{Key: "DEBUG_MODE", Value: strings.ToUpper(strconv.FormatBool(*n.DebugMode))}}
		if err := s.acct.AlterApplicationSettings(s.actor, n.Name, settings); err != nil {
			return nil, err
		}
	}
	return status(KindDDL, "Application '"+n.Name+"' created successfully."), nil
}

// appSource is what USING VERSION v [PATCH n] or USING 'path' names; a
// path's folder is read now (development mode reads the files each time).
func (s *Session) appSource(version string, patch *int, path string) (account.AppSource, error) {
	if path == "" {
		return account.AppSource{Version: version, Patch: patch}, nil
	}
	v, ferr := s.readAppFolder(path)
	if ferr != nil {
		return account.AppSource{}, sferr.ExecutionError("Cannot read application files '" + path + "': " + ferr.Error())
	}
	return account.AppSource{Files: &v}, nil
}

// CreateApplication is the Go API of CREATE APPLICATION name FROM
// APPLICATION PACKAGE pkg USING VERSION version: it creates the application,
// owned by the session's primary role, and runs the version's setup script
// as the application. Names are as stored (upper case unless quoted). If a
// setup statement fails, the install is undone completely and the error
// names the setup script, the line and the problem.
func (s *Session) CreateApplication(name, pkg, version string) error {
	return s.installApplication(context.Background(), name, pkg, account.AppSource{Version: version}, "")
}

func (s *Session) installApplication(ctx context.Context, name, pkg string, src account.AppSource, comment string) error {
	id, v, err := s.acct.CreateApplicationFrom(s.actor, name, pkg, src, comment)
	if err != nil {
		return toSF(err)
	}
	if err := s.runSetupScript(ctx, id, name, v, "install"); err != nil {
		s.discardApplication(id)
		return err
	}
	return nil
}

// runSetupScript runs a version's setup script statement by statement as
// the application, in a session of its own whose current database is the
// application. The first failure stops it: its error keeps the failing
// statement's number and SQLSTATE, its text names the script file and line.
// verb (install, upgrade) words the error.
func (s *Session) runSetupScript(ctx context.Context, id account.ObjectID, name string, v *account.AppVersion, verb string) error {
	folder, ok := v.Folder.(*nativeapp.Folder)
	if !ok {
		return nil
	}
	actor, err := s.acct.ApplicationActor(id, s.actor)
	if err != nil {
		return toSF(err)
	}
	// The application acts in the caller's session (same session ID, like an
	// owner's-rights procedure): it is not closed, which would end the
	// caller's temporary tables and session references.
	app := newSession(s.eng, actor)
	app.database = name
	app.warehouse = s.warehouse
	app.data = s.dataSession()
	f := walkSetupFile(folder, "", folder.SetupScript, 0, func(stmt Statement, p *parser, text string) error {
		return app.runSetupStatement(ctx, stmt, p, text)
	})
	if f == nil {
		return nil
	}
	msg := "Failed to " + verb + " application '" + name + "': " + f.where.Error()
	return &sferr.Error{Number: f.cause.Number, State: f.cause.State, Message: msg}
}

// runSetupStatement runs one setup script statement; USE statements are
// refused as Snowflake refuses them in setup scripts.
func (s *Session) runSetupStatement(ctx context.Context, stmt Statement, p *parser, text string) error {
	switch stmt.(type) {
	case *Use, *UseSecondaryRoles:
		return sferr.ExecutionError("Unsupported statement type 'USE' in a setup script.")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := s.executeParsed(ctx, text, stmt, p)
	return err
}

// discardApplication removes an application and the table data of what it
// held.
func (s *Session) discardApplication(id account.ObjectID) {
	s.forgetObjects(s.acct.DiscardApplication(id))
}

// forgetObjects drops the catalog entries and table data of objects the
// account removed for good.
func (s *Session) forgetObjects(ids []account.ObjectID) {
	for _, oid := range ids {
		t := s.eng.cat.table(oid)
		s.eng.cat.forget(oid)
		if t != nil {
			s.eng.data.dropTable(context.Background(), s.dataSession(), t.phys)
		}
	}
}

// execCreateApplicationRole creates an application role in the application
// the session acts as; elsewhere it fails.
func (s *Session) execCreateApplicationRole(n *CreateApplicationRole) (*Result, error) {
	if !s.actor.IsApplication() {
		return nil, sferr.Unsupported("CREATE APPLICATION ROLE outside an application")
	}
	comment := ""
	if n.Comment != nil {
		comment = *n.Comment
	}
	out, err := s.acct.CreateApplicationRole(s.actor, n.Name, comment, n.OrReplace, n.IfNotExists)
	if err != nil {
		return nil, err
	}
	if out == account.Existed {
		return status(KindDDL, n.Name+" already exists, statement succeeded."), nil
	}
	return status(KindDDL, "Application role "+n.Name+" successfully created."), nil
}

// execDropApplicationRole drops an application role of the application
// the session acts as (its setup script); elsewhere it fails, as CREATE
// APPLICATION ROLE does. The name is the role's bare name.
func (s *Session) execDropApplicationRole(n *Drop) (*Result, error) {
	if !s.actor.IsApplication() {
		return nil, sferr.Unsupported("DROP APPLICATION ROLE outside an application")
	}
	if len(n.Name) != 1 {
		return nil, sferr.SyntaxErrorMessage("invalid identifier '" + n.Name.String() + "'")
	}
	out, err := s.acct.DropApplicationRole(s.actor, n.Name[0], n.IfExists)
	if err != nil {
		return nil, err
	}
	return status(KindDDL, droppedMessage(account.Ref{Kind: account.KindApplicationRole, Path: n.Name}, out)), nil
}

// execDropApplication is DROP APPLICATION [IF EXISTS] name [CASCADE].
func (s *Session) execDropApplication(n *Drop) (*Result, error) {
	if len(n.Name) != 1 {
		return nil, sferr.SyntaxErrorMessage("invalid identifier '" + n.Name.String() + "'")
	}
	out, ids, err := s.acct.DropApplication(s.actor, n.Name[0], n.IfExists, n.Behavior == BehaviorCascade)
	if err != nil {
		return nil, err
	}
	s.forgetObjects(ids)
	if n.Name[0] == s.database {
		s.database, s.schema = "", ""
	}
	return status(KindDDL, droppedMessage(account.Ref{Kind: account.KindApplication, Path: n.Name}, out)), nil
}

// showReferencesCols are SHOW REFERENCES's columns (spec §9.5, B.2).
var showReferencesCols = textCols("name", "label", "description", "privileges", "object_type", "multi-valued",
	"object_name", "schema_name", "database_name", "alias")

// execShowReferences is SHOW REFERENCES IN APPLICATION a: one row per
// binding, one with NULL object columns per unbound definition.
func (s *Session) execShowReferences(n *ShowReferences) (*Result, error) {
	refs, err := s.acct.ShowReferences(s.actor, n.Application)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, 0, len(refs))
	for _, r := range refs {
		privs, _ := json.Marshal(r.Privileges)
		row := []any{r.Name, r.Label, r.Description, string(privs), r.ObjectType, tf(r.MultiValued), nil, nil, nil, nil}
		if r.Bound {
			row[6], row[7], row[8], row[9] = r.ObjectName, nullIfEmpty(r.Schema), nullIfEmpty(r.Database), r.Alias
		}
		rows = append(rows, row)
	}
	return rowsResult(showReferencesCols, rows), nil
}

// execAlterApplication runs ALTER APPLICATION ... UNSET REFERENCES,
// UPGRADE, SET and UNSET.
func (s *Session) execAlterApplication(ctx context.Context, n *AlterApplication) (*Result, error) {
	switch n.Action {
	case AlterAppUnsetReferences:
		var name, alias string
		if n.RefName != nil {
			name = *n.RefName
		}
		if n.Alias != nil {
			alias = *n.Alias
		}
		if err := s.acct.UnsetReferences(s.actor, n.Name, name, alias, n.RefName != nil, n.Alias != nil); err != nil {
			return nil, err
		}
	case AlterAppUpgrade:
		src, err := s.appSource(n.Version, n.Patch, n.Path)
		if err != nil {
			return nil, err
		}
		if err := s.upgradeApplication(ctx, n.Name, src); err != nil {
			return nil, err
		}
	case AlterAppSet, AlterAppUnset:
		settings := make([]account.AppSetting, len(n.Settings))
		for i, st := range n.Settings {
			settings[i] = account.AppSetting{Key: st.Key, Value: st.Value, Unset: n.Action == AlterAppUnset}
		}
		if err := s.acct.AlterApplicationSettings(s.actor, n.Name, settings); err != nil {
			return nil, err
		}
	}
	return status(KindDDL, executedOK), nil
}

// UpgradeApplication is the Go API of ALTER APPLICATION name UPGRADE USING
// VERSION version: the application's owner moves it to another version of
// its package and the new version's setup script runs as the application.
// The reference definitions become the new version's; bindings of
// definitions it lacks stay but cannot be used. If the setup script fails,
// the upgrade is undone: the application is back at its version and what
// the failed script created is gone (docs/compatibility.md G.5).
func (s *Session) UpgradeApplication(ctx context.Context, name, version string) error {
	return s.upgradeApplication(ctx, name, account.AppSource{Version: version})
}

func (s *Session) upgradeApplication(ctx context.Context, name string, src account.AppSource) error {
	id, v, undo, err := s.acct.UpgradeApplicationFrom(s.actor, name, src)
	if err != nil {
		return toSF(err)
	}
	if err := s.runSetupScript(ctx, id, name, v, "upgrade"); err != nil {
		s.forgetObjects(undo())
		return err
	}
	return nil
}

// describeAppCols are DESCRIBE APPLICATION's columns.
var describeAppCols = textCols("property", "value")

// propertyRows is a DESCRIBE result of property/value rows ("" is NULL).
func propertyRows(props []account.AppProperty) *Result {
	rows := make([][]any, len(props))
	for i, p := range props {
		rows[i] = []any{p.Property, nullIfEmpty(p.Value)}
	}
	return rowsResult(describeAppCols, rows)
}

// execDescribeApplication is DESCRIBE APPLICATION a: the properties
// Frostgate knows, as property/value rows (docs/compatibility.md G.5).
func (s *Session) execDescribeApplication(n *Describe) (*Result, error) {
	if len(n.Name) != 1 {
		return nil, sferr.SyntaxErrorMessage("invalid identifier '" + n.Name.String() + "'")
	}
	props, err := s.acct.DescribeApplication(s.actor, n.Name[0])
	if err != nil {
		return nil, err
	}
	return propertyRows(props), nil
}
