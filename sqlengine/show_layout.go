package sqlengine

import (
	"context"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
)

// Column layouts of every SHOW statement, in Snowflake's order
// (spec §7.2, §7.4; docs/compatibility.md A.3), and the functions that turn
// account rows into result rows.

func textCols(names ...string) []Column {
	cols := make([]Column, len(names))
	for i, n := range names {
		cols[i] = Column{Name: n, Type: "TEXT", Nullable: true}
		switch n {
		case "created_on", "resumed_on", "updated_on":
			cols[i].Type = "TIMESTAMP_LTZ"
			cols[i].Scale = 3 // Snowflake's SHOW output is TIMESTAMP_LTZ(3)
		case "assigned_to_users", "granted_to_roles", "granted_roles", "granted_to_database_roles",
			"granted_database_roles", "rows", "bytes", "min_cluster_count", "max_cluster_count",
			"started_clusters", "running", "queued", "auto_suspend", "query_acceleration_max_scale_factor",
			"patch":
			cols[i].Type = "FIXED"
		}
	}
	return cols
}

var (
	grantsOnCols = textCols("created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name",
		"grant_option", "granted_by", "granted_by_role_type")
	grantsToCols = textCols("created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name",
		"grant_option", "granted_by")
	grantsToUserCols = textCols("created_on", "privilege", "granted_on", "name", "role", "granted_to",
		"grantee_name", "grant_option", "granted_by")
	grantsOfCols = textCols("created_on", "role", "granted_to", "grantee_name", "granted_by")
	futureCols   = textCols("created_on", "privilege", "grant_on", "name", "grant_to", "grantee_name", "grant_option")
	rolesCols    = textCols("created_on", "name", "is_default", "is_current", "is_inherited", "assigned_to_users",
		"granted_to_roles", "granted_roles", "owner", "comment")
	dbRolesCols = textCols("created_on", "name", "is_default", "is_current", "is_inherited", "granted_to_roles",
		"granted_to_database_roles", "granted_database_roles", "owner", "comment", "owner_role_type")
	databasesCols = textCols("created_on", "name", "is_default", "is_current", "origin", "owner", "comment",
		"options", "retention_time", "kind", "owner_role_type")
	schemasCols = textCols("created_on", "name", "is_default", "is_current", "database_name", "owner", "comment",
		"options", "retention_time", "owner_role_type")
	warehousesCols = textCols("name", "state", "type", "size", "min_cluster_count", "max_cluster_count",
		"started_clusters", "running", "queued", "is_default", "is_current", "auto_suspend", "auto_resume",
		"available", "provisioning", "quiescing", "other", "created_on", "resumed_on", "updated_on", "owner",
		"comment", "enable_query_acceleration", "query_acceleration_max_scale_factor", "resource_monitor",
		"scaling_policy", "owner_role_type")
	tablesCols = textCols("created_on", "name", "database_name", "schema_name", "kind", "comment", "cluster_by",
		"rows", "bytes", "owner", "retention_time", "automatic_clustering", "change_tracking", "is_external",
		"enable_schema_evolution", "owner_role_type", "is_event", "is_hybrid", "is_iceberg", "is_dynamic",
		"is_immutable")
	viewsCols = textCols("created_on", "name", "reserved", "database_name", "schema_name", "owner", "comment",
		"text", "is_secure", "is_materialized", "owner_role_type", "change_tracking")
	usersCols = textCols("name", "created_on", "login_name", "display_name", "first_name", "last_name", "email",
		"mins_to_unlock", "days_to_expiry", "comment", "disabled", "must_change_password", "snowflake_lock",
		"default_warehouse", "default_namespace", "default_role", "default_secondary_roles", "ext_authn_duo",
		"ext_authn_uid", "mins_to_bypass_mfa", "owner", "last_success_login", "expires_at_time",
		"locked_until_time", "has_password", "has_rsa_public_key", "type", "has_mfa", "has_workload_identity")
	genericObjCols = textCols("created_on", "name", "database_name", "schema_name", "owner", "comment",
		"owner_role_type")
	// SHOW APPLICATIONS and SHOW APPLICATION ROLES: the columns the Terraform
	// provider reads (docs/compatibility.md G.5).
	applicationsCols = textCols("created_on", "name", "is_default", "is_current", "source_type", "source", "owner",
		"comment", "version", "label", "patch", "options", "retention_time")
	appRolesCols = textCols("created_on", "name", "owner", "comment", "owner_role_type")
	// SHOW APPLICATION PACKAGES: the Terraform provider's applicationPackageRow
	// (pkg/sdk/application_packages_gen.go).
	appPackagesCols = textCols("created_on", "name", "is_default", "is_current", "distribution", "owner", "comment",
		"retention_time", "options", "dropped_on", "application_class")
	describeUserCols = textCols("property", "value", "default", "description")
)

func tf(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func grantRows(rows []account.GrantRow, cols []Column) [][]any {
	out := make([][]any, 0, len(rows))
	for _, r := range rows {
		switch len(cols) {
		case len(grantsOnCols):
			if cols[4].Name == "role" {
				var role any
				if r.Role != "" {
					role = r.Role
				}
				out = append(out, []any{r.Created, r.Privilege, r.GrantedOn, r.Name, role, r.GrantedTo,
					r.GranteeName, tf(r.GrantOption), r.GrantedBy})
				continue
			}
			out = append(out, []any{r.Created, r.Privilege, r.GrantedOn, r.Name, r.GrantedTo, r.GranteeName,
				tf(r.GrantOption), r.GrantedBy, r.GrantedByRoleType})
		default:
			out = append(out, []any{r.Created, r.Privilege, r.GrantedOn, r.Name, r.GrantedTo, r.GranteeName,
				tf(r.GrantOption), r.GrantedBy})
		}
	}
	return out
}

func roleGrantRows(rows []account.RoleGrantRow) [][]any {
	out := make([][]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, []any{r.Created, r.Role, r.GrantedTo, r.GranteeName, r.GrantedBy})
	}
	return out
}

func futureGrantRows(rows []account.FutureRow) [][]any {
	out := make([][]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, []any{r.Created, r.Privilege, r.GrantOn, r.Name, r.GrantTo, r.GranteeName, tf(r.GrantOption)})
	}
	return out
}

func propOr(r account.ObjectRow, k, def string) string {
	if v, ok := r.Props[k]; ok && v != "" {
		return v
	}
	return def
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// objectRows lays out SHOW <objects> rows for kind k; cur names the
// session's current database, schema and warehouse for is_current.
func (s *Session) objectRows(k account.Kind, rows []account.ObjectRow) ([]Column, [][]any) {
	out := make([][]any, 0, len(rows))
	switch k {
	case account.KindRole:
		for _, r := range rows {
			out = append(out, []any{r.Created, r.Name, yn(r.IsDefault), yn(r.IsCurrent), yn(r.IsInherited),
				int64(r.AssignedToUsers), int64(r.GrantedToRoles), int64(r.GrantedRoles), r.Owner, r.Comment})
		}
		return rolesCols, out
	case account.KindDatabaseRole:
		for _, r := range rows {
			out = append(out, []any{r.Created, r.Name, "N", "N", yn(r.IsInherited), int64(r.GrantedToRoles),
				int64(r.GrantedToDatabaseRoles), int64(r.GrantedDatabaseRoles), r.Owner, r.Comment, r.OwnerRoleType})
		}
		return dbRolesCols, out
	case account.KindDatabase:
		for _, r := range rows {
			kind, opts := "STANDARD", ""
			switch {
			case r.Kind == account.KindApplication:
				kind = "APPLICATION"
			case r.Transient:
				kind, opts = "TRANSIENT", "TRANSIENT"
			}
			out = append(out, []any{r.Created, r.Name, "N", yn(r.Name == s.database), "", r.Owner, r.Comment, opts,
				"1", kind, r.OwnerRoleType})
		}
		return databasesCols, out
	case account.KindSchema:
		for _, r := range rows {
			var opts []string
			if r.Transient {
				opts = append(opts, "TRANSIENT")
			}
			if r.Managed {
				opts = append(opts, "MANAGED ACCESS")
			}
			out = append(out, []any{r.Created, r.Name, "N", yn(r.Database == s.database && r.Name == s.schema),
				r.Database, r.Owner, r.Comment, strings.Join(opts, ", "), "1", r.OwnerRoleType})
		}
		return schemasCols, out
	case account.KindWarehouse:
		for _, r := range rows {
			started := int64(0)
			if propOr(r, "STATE", "STARTED") == "STARTED" {
				started = 1
			}
			out = append(out, []any{r.Name, propOr(r, "STATE", "STARTED"), propOr(r, "TYPE", "STANDARD"),
				propOr(r, "WAREHOUSE_SIZE", "X-Small"), atoi(propOr(r, "MIN_CLUSTER_COUNT", "1")),
				atoi(propOr(r, "MAX_CLUSTER_COUNT", "1")), started, int64(0), int64(0), "N",
				yn(r.Name == s.warehouse), atoi(propOr(r, "AUTO_SUSPEND", "600")), propOr(r, "AUTO_RESUME", "true"),
				"", "", "", "", r.Created, r.Created, r.Created, r.Owner, r.Comment,
				propOr(r, "ENABLE_QUERY_ACCELERATION", "false"),
				atoi(propOr(r, "QUERY_ACCELERATION_MAX_SCALE_FACTOR", "8")), nil,
				propOr(r, "SCALING_POLICY", "STANDARD"), r.OwnerRoleType})
		}
		return warehousesCols, out
	case account.KindTable:
		for _, r := range rows {
			kind := "TABLE"
			switch {
			case r.Props["TEMPORARY"] == "true":
				kind = "TEMPORARY"
			case r.Transient:
				kind = "TRANSIENT"
			}
			var n, bytes int64
			if t := s.eng.cat.table(r.ID); t != nil {
				if t.session != 0 && t.session != s.actor.SessionID() {
					continue // another session's temporary table
				}
				n, bytes = s.eng.data.rowCount(context.Background(), s.dataSession(), t.phys)
			}
			out = append(out, []any{r.Created, r.Name, r.Database, r.Schema, kind, r.Comment, "", n, bytes,
				r.Owner, "1", "OFF", "OFF", "N", "N", r.OwnerRoleType, "N", "N", "N", "N", "N"})
		}
		return tablesCols, out
	case account.KindView:
		for _, r := range rows {
			out = append(out, []any{r.Created, r.Name, "", r.Database, r.Schema, r.Owner, r.Comment,
				r.Props["TEXT"], propOr(r, "SECURE", "false"), propOr(r, "MATERIALIZED", "false"),
				r.OwnerRoleType, "OFF"})
		}
		return viewsCols, out
	case account.KindApplication:
		for _, r := range rows {
			out = append(out, []any{r.Created, r.Name, "N", yn(r.Name == s.database), "APP_PACKAGE", r.Props["SOURCE"],
				r.Owner, r.Comment, r.Props["VERSION"], "", patchValue(r.Props["PATCH"]), "", "1"})
		}
		return applicationsCols, out
	case account.KindStreamlit:
		return streamlitsCols, streamlitRows(rows)
	case account.KindApplicationPackage:
		for _, r := range rows {
			out = append(out, []any{r.Created, r.Name, "N", "N", r.Props["DISTRIBUTION"], r.Owner, r.Comment, "1", "",
				nil, nil})
		}
		return appPackagesCols, out
	case account.KindApplicationRole:
		for _, r := range rows {
			out = append(out, []any{r.Created, r.Name, r.Owner, r.Comment, r.OwnerRoleType})
		}
		return appRolesCols, out
	case account.KindUser:
		for _, r := range rows {
			dsr := `["ALL"]`
			if v, ok := r.Props["DEFAULT_SECONDARY_ROLES"]; ok && v != "ALL" {
				dsr = "[]"
			}
			out = append(out, []any{r.Name, r.Created, propOr(r, "LOGIN_NAME", r.Name),
				propOr(r, "DISPLAY_NAME", r.Name), nullIfEmpty(r.Props["FIRST_NAME"]),
				nullIfEmpty(r.Props["LAST_NAME"]), nullIfEmpty(r.Props["EMAIL"]), nil,
				nullIfEmpty(r.Props["DAYS_TO_EXPIRY"]), r.Comment, propOr(r, "DISABLED", "false"),
				propOr(r, "MUST_CHANGE_PASSWORD", "false"), "false", nullIfEmpty(r.Props["DEFAULT_WAREHOUSE"]),
				nullIfEmpty(r.Props["DEFAULT_NAMESPACE"]), nullIfEmpty(r.Props["DEFAULT_ROLE"]), dsr, "false", "",
				nil, r.Owner, nil, nil, nil, tf(r.HasPassword), tf(r.Props["RSA_PUBLIC_KEY"] != ""),
				nullIfEmpty(r.Props["TYPE"]), "false", "false"})
		}
		return usersCols, out
	}
	for _, r := range rows {
		name := r.Name
		if len(r.Args) > 0 || k == account.KindFunction || k == account.KindProcedure {
			name += "(" + strings.Join(r.Args, ", ") + ")"
		}
		out = append(out, []any{r.Created, name, r.Database, r.Schema, r.Owner, r.Comment, r.OwnerRoleType})
	}
	return genericObjCols, out
}

// patchValue is an application's patch for SHOW APPLICATIONS: NULL in
// development mode (no version, so no patch).
func patchValue(p string) any {
	n, err := strconv.ParseInt(p, 10, 64)
	if err != nil {
		return nil
	}
	return n
}
