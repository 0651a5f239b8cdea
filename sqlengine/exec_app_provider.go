package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
)

// The provider's statements on application packages besides CREATE and ADD
// VERSION (exec_app.go): patches, dropping versions and packages, SHOW
// VERSIONS (docs/compatibility.md G.4).

// execAddApplicationPatch is ALTER APPLICATION PACKAGE p ADD PATCH [n] FOR
// VERSION v USING 'path'. Like Snowflake it answers with the new patch: one
// row, columns version and patch (the row snowflake-cli's
// add_patch_to_package_version reads).
func (s *Session) execAddApplicationPatch(n *AddApplicationPatch) (*Result, error) {
	v, ferr := s.readAppFolder(n.Path)
	patch, err := s.acct.AddVersionFrom(s.actor, n.Package, n.Version, n.Patch, true, v, ferr)
	if err != nil {
		return nil, err
	}
	return rowsResult(addPatchCols, [][]any{{n.Version, int64(patch)}}), nil
}

var addPatchCols = textCols("version", "patch")

// execDropApplicationVersion is ALTER APPLICATION PACKAGE p DROP VERSION v.
func (s *Session) execDropApplicationVersion(n *DropApplicationVersion) (*Result, error) {
	if err := s.acct.DropApplicationVersion(s.actor, n.Package, n.Version); err != nil {
		return nil, err
	}
	return status(KindDDL, executedOK), nil
}

// execDropApplicationPackage is DROP APPLICATION PACKAGE [IF EXISTS] p.
func (s *Session) execDropApplicationPackage(n *Drop) (*Result, error) {
	out, err := s.acct.DropApplicationPackage(s.actor, n.Name.Last(), n.IfExists)
	if err != nil {
		return nil, err
	}
	return status(KindDDL, droppedMessage(account.Ref{Kind: account.KindApplicationPackage, Path: n.Name}, out)), nil
}

// showVersionsCols are SHOW VERSIONS IN APPLICATION PACKAGE's columns, the
// ones snowflake-cli reads (version, patch, label, comment, created_on,
// dropped_on, log_level, trace_level, state, review_status); Snowflake
// prints more (metric_level, log_event_level, ...), which Frostgate does not.
var showVersionsCols = textCols("version", "patch", "label", "comment", "created_on", "dropped_on", "log_level",
	"trace_level", "state", "review_status")

// execShowVersions is SHOW VERSIONS [LIKE] IN APPLICATION PACKAGE p.
func (s *Session) execShowVersions(n *ShowVersions) (*Result, error) {
	versions, err := s.acct.ShowVersions(s.actor, n.Package)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, v := range versions {
		if n.Like != nil && !likeMatch(*n.Like, v.Version) {
			continue
		}
		rows = append(rows, []any{v.Version, int64(v.Patch), nil, nil, v.Created, nil, "OFF", "OFF", "READY",
			"NOT_REVIEWED"})
	}
	return rowsResult(showVersionsCols, rows), nil
}

// execDescribeApplicationPackage is DESCRIBE APPLICATION PACKAGE p: rows
// property, value for the documented properties Frostgate keeps (name,
// created_on, distribution, owner, comment; snowflake-cli's teardown reads
// distribution). Any session that can see the package may run it.
func (s *Session) execDescribeApplicationPackage(n *Describe) (*Result, error) {
	props, err := s.acct.DescribeApplicationPackage(s.actor, n.Name.Last())
	if err != nil {
		return nil, err
	}
	return propertyRows(props), nil
}

// telemetryCols are SHOW TELEMETRY EVENT DEFINITIONS's columns (its
// documentation's example).
var telemetryCols = textCols("name", "type", "sharing", "status")

// execShowTelemetry is SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION a:
// Frostgate has no event tables or telemetry, so an application has no
// event definitions; the application must still be one the session sees.
func (s *Session) execShowTelemetry(n *ShowTelemetryEventDefinitions) (*Result, error) {
	if _, err := s.acct.DescribeApplication(s.actor, n.Application); err != nil {
		return nil, err
	}
	return rowsResult(telemetryCols, nil), nil
}

// showPrivilegesCols are SHOW PRIVILEGES IN APPLICATION's columns (its
// documentation).
var showPrivilegesCols = textCols("privilege", "description", "is_granted", "is_grantable")

// execShowPrivileges is SHOW PRIVILEGES IN APPLICATION a: the account
// privileges the application's manifest asks for, whether the application
// holds each and whether the session could grant it.
func (s *Session) execShowPrivileges(n *ShowPrivileges) (*Result, error) {
	privs, err := s.acct.ShowApplicationPrivileges(s.actor, n.Application)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(privs))
	for i, p := range privs {
		rows[i] = []any{p.Privilege, nullIfEmpty(p.Description), tf(p.Granted), tf(p.Grantable)}
	}
	return rowsResult(showPrivilegesCols, rows), nil
}

// ownedObjectsCols are SHOW OBJECTS OWNED BY APPLICATION's columns as its
// documentation's table names them (its example prints object_type for the
// third; snowflake-cli reads them by position).
var ownedObjectsCols = textCols("created_on", "name", "type")

// execShowOwnedObjects is SHOW OBJECTS OWNED BY APPLICATION a.
func (s *Session) execShowOwnedObjects(n *ShowObjectsOwnedByApplication) (*Result, error) {
	objs, err := s.acct.ShowObjectsOwnedByApplication(s.actor, n.Application)
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(objs))
	for i, o := range objs {
		rows[i] = []any{o.Created, o.Name, strings.ReplaceAll(o.Kind.String(), " ", "_")}
	}
	return rowsResult(ownedObjectsCols, rows), nil
}
