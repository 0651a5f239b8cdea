package sqlengine

import (
	"context"
	"strings"
	"time"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

// INFORMATION_SCHEMA (one per database) and SNOWFLAKE.ACCOUNT_USAGE. Their
// rows are computed when a statement names them, from the account (which
// decides what the session may see) and the catalog, and reach
// go-mysql-server as a VALUES table in place of the view's name: a query
// can join, filter and aggregate them like any table, and never sees a row
// the session could not.
// https://docs.snowflake.com/en/sql-reference/info-schema
// https://docs.snowflake.com/en/sql-reference/account-usage

type sysColumn struct {
	name string
	typ  sfType
}

type sysView struct {
	columns []sysColumn
	rows    func(d *dataScope, db string) ([][]any, error)
}

var (
	sysText = typeVarchar
	sysNum  = typeNumber
	sysTime = sfType{base: "TIMESTAMP_LTZ", precision: defaultTimeP}
)

func sysCols(spec ...any) []sysColumn {
	var out []sysColumn
	for i := 0; i < len(spec); i += 2 {
		out = append(out, sysColumn{name: spec[i].(string), typ: spec[i+1].(sfType)})
	}
	return out
}

var infoSchemaViews = map[string]sysView{
	"SCHEMATA": {sysCols("CATALOG_NAME", sysText, "SCHEMA_NAME", sysText, "SCHEMA_OWNER", sysText,
		"IS_TRANSIENT", sysText, "IS_MANAGED_ACCESS", sysText, "RETENTION_TIME", sysNum,
		"DEFAULT_CHARACTER_SET_CATALOG", sysText, "DEFAULT_CHARACTER_SET_SCHEMA", sysText,
		"DEFAULT_CHARACTER_SET_NAME", sysText, "SQL_PATH", sysText, "CREATED", sysTime, "LAST_ALTERED", sysTime,
		"COMMENT", sysText, "REPLICABLE_WITH_FAILOVER_GROUPS", sysText, "OWNER_ROLE_TYPE", sysText), schemataRows},
	"TABLES": {sysCols("TABLE_CATALOG", sysText, "TABLE_SCHEMA", sysText, "TABLE_NAME", sysText,
		"TABLE_OWNER", sysText, "TABLE_TYPE", sysText, "IS_TRANSIENT", sysText, "CLUSTERING_KEY", sysText,
		"ROW_COUNT", sysNum, "BYTES", sysNum, "RETENTION_TIME", sysNum, "CREATED", sysTime,
		"LAST_ALTERED", sysTime, "LAST_DDL", sysTime, "LAST_DDL_BY", sysText, "AUTO_CLUSTERING_ON", sysText,
		"COMMENT", sysText, "IS_TEMPORARY", sysText, "IS_ICEBERG", sysText, "IS_DYNAMIC", sysText,
		"IS_IMMUTABLE", sysText, "IS_HYBRID", sysText, "OWNER_ROLE_TYPE", sysText), tablesRows},
	"COLUMNS": {sysCols("TABLE_CATALOG", sysText, "TABLE_SCHEMA", sysText, "TABLE_NAME", sysText,
		"COLUMN_NAME", sysText, "ORDINAL_POSITION", sysNum, "COLUMN_DEFAULT", sysText, "IS_NULLABLE", sysText,
		"DATA_TYPE", sysText, "CHARACTER_MAXIMUM_LENGTH", sysNum, "CHARACTER_OCTET_LENGTH", sysNum,
		"NUMERIC_PRECISION", sysNum, "NUMERIC_PRECISION_RADIX", sysNum, "NUMERIC_SCALE", sysNum,
		"DATETIME_PRECISION", sysNum, "IS_IDENTITY", sysText, "COMMENT", sysText), columnsRows},
	"VIEWS": {sysCols("TABLE_CATALOG", sysText, "TABLE_SCHEMA", sysText, "TABLE_NAME", sysText,
		"TABLE_OWNER", sysText, "VIEW_DEFINITION", sysText, "CHECK_OPTION", sysText, "IS_UPDATABLE", sysText,
		"INSERTABLE_INTO", sysText, "IS_SECURE", sysText, "CREATED", sysTime, "LAST_ALTERED", sysTime,
		"LAST_DDL", sysTime, "LAST_DDL_BY", sysText, "COMMENT", sysText), viewsRows},
	"TABLE_PRIVILEGES": {sysCols("GRANTOR", sysText, "GRANTEE", sysText, "TABLE_CATALOG", sysText,
		"TABLE_SCHEMA", sysText, "TABLE_NAME", sysText, "PRIVILEGE_TYPE", sysText, "IS_GRANTABLE", sysText,
		"WITH_HIERARCHY", sysText, "CREATED", sysTime), tablePrivilegeRows},
	"OBJECT_PRIVILEGES": {sysCols("GRANTOR", sysText, "GRANTEE", sysText, "OBJECT_CATALOG", sysText,
		"OBJECT_SCHEMA", sysText, "OBJECT_NAME", sysText, "OBJECT_TYPE", sysText, "PRIVILEGE_TYPE", sysText,
		"IS_GRANTABLE", sysText, "CREATED", sysTime), objectPrivilegeRows},
	"APPLICABLE_ROLES": {sysCols("GRANTEE", sysText, "ROLE_NAME", sysText, "ROLE_OWNER", sysText,
		"IS_GRANTABLE", sysText), applicableRoleRows},
	"ENABLED_ROLES": {sysCols("ROLE_NAME", sysText, "ROLE_OWNER", sysText), enabledRoleRows},
}

var accountUsageViews = map[string]sysView{
	"GRANTS_TO_ROLES": {sysCols("CREATED_ON", sysTime, "MODIFIED_ON", sysTime, "PRIVILEGE", sysText,
		"GRANTED_ON", sysText, "NAME", sysText, "TABLE_CATALOG", sysText, "TABLE_SCHEMA", sysText,
		"GRANTED_TO", sysText, "GRANTEE_NAME", sysText, "GRANT_OPTION", sysText, "GRANTED_BY", sysText,
		"DELETED_ON", sysTime, "GRANTED_BY_ROLE_TYPE", sysText, "OBJECT_INSTANCE", sysText), grantsToRolesRows},
	"GRANTS_TO_USERS": {sysCols("CREATED_ON", sysTime, "DELETED_ON", sysTime, "ROLE", sysText,
		"GRANTED_TO", sysText, "GRANTEE_NAME", sysText, "GRANTED_BY", sysText), grantsToUsersRows},
}

// systemView resolves INFORMATION_SCHEMA and SNOWFLAKE.ACCOUNT_USAGE
// views; ok is false for any other name.
func (d *dataScope) systemView(path []string, dml bool) (relation, bool, error) {
	full := account.QualifiedName(path...)
	var view sysView
	var known bool
	switch {
	case path[1] == "INFORMATION_SCHEMA":
		// The database must be visible; INFORMATION_SCHEMA itself always is.
		if _, err := d.s.acct.Lookup(d.actor, account.Ref{Kind: account.KindSchema, Path: path[:2]}); err != nil {
			return relation{}, true, relationError(err, "Object")
		}
		view, known = infoSchemaViews[path[2]]
	case path[0] == "SNOWFLAKE" && path[1] == "ACCOUNT_USAGE":
		view, known = accountUsageViews[path[2]]
	default:
		return relation{}, false, nil
	}
	if !known {
		return relation{}, true, sferr.ObjectNotFound("Object", full)
	}
	if dml {
		return relation{}, true, sferr.InsufficientPrivileges("view", full)
	}
	rows, err := view.rows(d, path[0])
	if err != nil {
		return relation{}, true, err
	}
	names := make([]string, len(view.columns))
	for i, c := range view.columns {
		names[i] = c.name
	}
	return relation{sql: valuesSQL(view.columns, rows), columns: names, name: full, alias: path[2]}, true, nil
}

// valuesSQL renders rows as a parenthesised VALUES table (or an empty
// SELECT of typed NULLs when there are none).
func valuesSQL(cols []sysColumn, rows [][]any) string {
	var b strings.Builder
	if len(rows) == 0 {
		b.WriteString("(SELECT ")
		for i, c := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(sysNull(c.typ) + " AS " + qi(c.name))
		}
		b.WriteString(" LIMIT 0)")
		return b.String()
	}
	// Selected from VALUES by position, so that the columns keep their
	// upper-case names (a VALUES table's own column list is lower-cased).
	b.WriteString("(SELECT ")
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(qi("c"+itoa(i)) + " AS " + qi(c.name))
	}
	b.WriteString(" FROM (VALUES ")
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("ROW(")
		for j, v := range r {
			if j > 0 {
				b.WriteString(", ")
			}
			switch x := v.(type) {
			case nil:
				b.WriteString(sysNull(cols[j].typ))
			case time.Time:
				b.WriteString(cols[j].typ.cast(sqlString(x.Format("2006-01-02 15:04:05.000000"))))
			case int:
				b.WriteString(sqlLiteral(int64(x)))
			default:
				b.WriteString(sqlLiteral(x))
			}
		}
		b.WriteString(")")
	}
	b.WriteString(") AS `__FG_V` (")
	for i := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(qi("c" + itoa(i)))
	}
	b.WriteString("))")
	return b.String()
}

// sysNull is a typed NULL for a system view column. Numbers are integers
// (go-mysql-server v0.20.0 panics on a NULL in a DECIMAL column of VALUES).
func sysNull(t sfType) string {
	if t.base == "NUMBER" {
		return "CAST(NULL AS SIGNED)"
	}
	return t.cast("NULL")
}

func yesNo(b bool) string {
	if b {
		return "YES"
	}
	return "NO"
}

// visibleIn lists the objects of kind k in database db the session may see.
func (d *dataScope) visibleIn(db string, k account.Kind) ([]account.ObjectRow, error) {
	return d.s.acct.ShowObjects(d.actor, k, &account.Ref{Kind: account.KindDatabase, Path: []string{db}})
}

func schemataRows(d *dataScope, db string) ([][]any, error) {
	objs, err := d.visibleIn(db, account.KindSchema)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, o := range objs {
		rows = append(rows, []any{db, o.Name, nullIfEmpty(o.Owner), yesNo(o.Transient), yesNo(o.Managed), int64(1),
			nil, nil, nil, nil, o.Created, o.Created, nullIfEmpty(o.Comment), "NO", nullIfEmpty(o.OwnerRoleType)})
	}
	return rows, nil
}

func tablesRows(d *dataScope, db string) ([][]any, error) {
	var rows [][]any
	for _, k := range []account.Kind{account.KindTable, account.KindView} {
		objs, err := d.visibleIn(db, k)
		if err != nil {
			return nil, err
		}
		for _, o := range objs {
			typ, rowCount, bytes := "VIEW", any(nil), any(nil)
			temp := o.Props["TEMPORARY"] == "true"
			if k == account.KindTable {
				t := d.s.eng.cat.table(o.ID)
				if t != nil && t.session != 0 && t.session != d.s.actor.SessionID() {
					continue
				}
				typ = "BASE TABLE"
				if temp {
					typ = "TEMPORARY TABLE"
				}
				if t != nil {
					n, b := d.s.eng.data.rowCount(context.Background(), d.s.dataSession(), t.phys)
					rowCount, bytes = n, b
				}
			}
			rows = append(rows, []any{db, o.Schema, o.Name, nullIfEmpty(o.Owner), typ, yesNo(o.Transient), nil,
				rowCount, bytes, int64(1), o.Created, o.Created, o.Created, nil, nil, nullIfEmpty(o.Comment),
				yesNo(temp), "NO", "NO", "NO", "NO", nullIfEmpty(o.OwnerRoleType)})
		}
	}
	return rows, nil
}

func columnsRows(d *dataScope, db string) ([][]any, error) {
	var rows [][]any
	for _, k := range []account.Kind{account.KindTable, account.KindView} {
		objs, err := d.visibleIn(db, k)
		if err != nil {
			return nil, err
		}
		for _, o := range objs {
			for i, c := range d.s.relationColumns(o.ID, k) {
				var charLen, octets, prec, radix, scale, dtPrec any
				switch c.typ.base {
				case "VARCHAR":
					charLen, octets = int64(c.typ.length), int64(min(4*c.typ.length, maxVarcharLength))
				case "BINARY":
					charLen, octets = int64(c.typ.length), int64(c.typ.length)
				case "NUMBER":
					prec, radix, scale = int64(c.typ.precision), int64(10), int64(c.typ.scale)
				case "FLOAT":
					prec, radix = int64(53), int64(2)
				case "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
					dtPrec = int64(c.typ.precision)
				}
				rows = append(rows, []any{db, o.Schema, o.Name, c.name, int64(i + 1), nullIfEmpty(c.def),
					yesNo(c.nullable), c.typ.dataType(), charLen, octets, prec, radix, scale, dtPrec, "NO",
					nullIfEmpty(c.comment)})
			}
		}
	}
	return rows, nil
}

func viewsRows(d *dataScope, db string) ([][]any, error) {
	objs, err := d.visibleIn(db, account.KindView)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, o := range objs {
		secure := o.Props["SECURE"] == "true"
		text := any(o.Props["TEXT"])
		// A secure view's definition is shown to its owner only.
		if secure && !d.s.acct.IsRoleInSession(d.actor, o.Owner) {
			text = nil
		}
		rows = append(rows, []any{db, o.Schema, o.Name, nullIfEmpty(o.Owner), text, "NONE", "NO", "NO",
			yesNo(secure), o.Created, o.Created, o.Created, nil, nullIfEmpty(o.Comment)})
	}
	return rows, nil
}

func (d *dataScope) grants(db string) ([]account.PrivilegeGrant, error) {
	return d.s.acct.GrantsInDatabase(d.actor, db)
}

func tablePrivilegeRows(d *dataScope, db string) ([][]any, error) {
	gs, err := d.grants(db)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, g := range gs {
		if g.GrantedOn != "TABLE" && g.GrantedOn != "VIEW" {
			continue
		}
		rows = append(rows, []any{g.GrantedBy, g.GranteeName, g.Database, g.Schema, g.Object, g.Privilege,
			yesNo(g.GrantOption), "NO", g.Created})
	}
	return rows, nil
}

func objectPrivilegeRows(d *dataScope, db string) ([][]any, error) {
	gs, err := d.grants(db)
	if err != nil {
		return nil, err
	}
	var rows [][]any
	for _, g := range gs {
		rows = append(rows, []any{g.GrantedBy, g.GranteeName, nullIfEmpty(g.Database), nullIfEmpty(g.Schema),
			g.Object, strings.ReplaceAll(g.GrantedOn, "_", " "), g.Privilege, yesNo(g.GrantOption), g.Created})
	}
	return rows, nil
}

func applicableRoleRows(d *dataScope, _ string) ([][]any, error) {
	var rows [][]any
	for _, r := range d.s.acct.ApplicableRoles(d.actor) {
		rows = append(rows, []any{r.Grantee, r.Name, nullIfEmpty(r.Owner), yesNo(r.Grantable)})
	}
	return rows, nil
}

func enabledRoleRows(d *dataScope, _ string) ([][]any, error) {
	var rows [][]any
	for _, r := range d.s.acct.EnabledRoles(d.actor) {
		rows = append(rows, []any{r.Name, nullIfEmpty(r.Owner)})
	}
	return rows, nil
}

// accountUsageDenied is what a session that may not read ACCOUNT_USAGE
// gets: the SNOWFLAKE database does not exist for it.
func accountUsageDenied() error { return sferr.ObjectNotFound("Database", "SNOWFLAKE") }

func grantsToRolesRows(d *dataScope, _ string) ([][]any, error) {
	gs, err := d.s.acct.GrantsToRoles(d.actor)
	if err != nil {
		return nil, accountUsageDenied()
	}
	var rows [][]any
	for _, g := range gs {
		rows = append(rows, []any{g.Created, g.Created, g.Privilege, g.GrantedOn, g.Object, nullIfEmpty(g.Database),
			nullIfEmpty(g.Schema), g.GrantedTo, g.GranteeName, tf(g.GrantOption), nullIfEmpty(g.GrantedBy), nil,
			nullIfEmpty(g.GrantedByRoleType), nil})
	}
	return rows, nil
}

func grantsToUsersRows(d *dataScope, _ string) ([][]any, error) {
	gs, err := d.s.acct.GrantsToUsers(d.actor)
	if err != nil {
		return nil, accountUsageDenied()
	}
	var rows [][]any
	for _, g := range gs {
		rows = append(rows, []any{g.Created, nil, g.Role, g.GrantedTo, g.GranteeName, nullIfEmpty(g.GrantedBy)})
	}
	return rows, nil
}
