package sqlengine

import (
	"context"
	"strings"

	"github.com/frostgate/frostgate/emulator/account"
	"github.com/frostgate/frostgate/sferr"
)

var errReplaceAndIfNotExists = sferr.SyntaxErrorMessage("options IF NOT EXISTS and OR REPLACE are incompatible.")

// propText renders a property value as the account stores it.
func propText(v Value) string {
	switch v.Kind {
	case ValueBool:
		if v.Bool {
			return "true"
		}
		return "false"
	case ValueNull:
		return ""
	}
	return v.Text()
}

// splitProps separates COMMENT from the other properties.
func splitProps(ps Properties) (comment string, rest map[string]string) {
	rest = map[string]string{}
	for _, p := range ps {
		if p.Name == "COMMENT" {
			comment = propText(p.Value)
			continue
		}
		rest[p.Name] = propText(p.Value)
	}
	return comment, rest
}

func strOr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// create runs an account Create and answers with Snowflake's status text.
func (s *Session) create(spec account.CreateSpec) (account.Outcome, *Result, error) {
	if spec.OrReplace && spec.IfNotExists {
		return 0, nil, errReplaceAndIfNotExists
	}
	out, err := s.acct.Create(s.actor, spec)
	if err != nil {
		return out, nil, err
	}
	return out, status(KindDDL, createdMessage(spec.Ref, out)), nil
}

func (s *Session) execCreateRole(n *CreateRole) (*Result, error) {
	_, res, err := s.create(account.CreateSpec{Ref: account.Ref{Kind: account.KindRole, Path: []string{n.Name}},
		OrReplace: n.OrReplace, IfNotExists: n.IfNotExists, Comment: strOr(n.Comment)})
	return res, err
}

func (s *Session) execCreateDatabaseRole(n *CreateDatabaseRole) (*Result, error) {
	ref, err := s.ref(account.KindDatabaseRole, n.Name, nil)
	if err != nil {
		return nil, err
	}
	_, res, err := s.create(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: strOr(n.Comment)})
	return res, err
}

// userProps turns CREATE/ALTER USER options into stored properties:
// DEFAULT_SECONDARY_ROLES = ('ALL') is "ALL", () is "".
func userProps(ps Properties) (comment string, props map[string]string, err error) {
	props = map[string]string{}
	for _, p := range ps {
		switch {
		case p.Name == "COMMENT":
			comment = propText(p.Value)
		case p.Name == "DEFAULT_SECONDARY_ROLES":
			if p.Value.Kind != ValueList {
				return "", nil, sferr.SyntaxErrorMessage("invalid value for DEFAULT_SECONDARY_ROLES: expected ('ALL') or ()")
			}
			v := ""
			for _, e := range p.Value.List {
				if !strings.EqualFold(e.Text(), "ALL") {
					return "", nil, sferr.ExecutionError("DEFAULT_SECONDARY_ROLES only accepts ('ALL') or ().")
				}
				v = "ALL"
			}
			props[p.Name] = v
		case p.Name == "DISABLED" || p.Name == "MUST_CHANGE_PASSWORD":
			props[p.Name] = strings.ToLower(propText(p.Value))
		default:
			props[p.Name] = propText(p.Value)
		}
	}
	return comment, props, nil
}

func (s *Session) execCreateUser(n *CreateUser) (*Result, error) {
	comment, props, err := userProps(n.Props)
	if err != nil {
		return nil, err
	}
	_, res, err := s.create(account.CreateSpec{Ref: account.Ref{Kind: account.KindUser, Path: []string{n.Name}},
		OrReplace: n.OrReplace, IfNotExists: n.IfNotExists, Comment: comment, Props: props})
	return res, err
}

func (s *Session) execCreateDatabase(n *CreateDatabase) (*Result, error) {
	if n.Clone != nil {
		return nil, sferr.Unsupported("CREATE DATABASE ... CLONE")
	}
	comment, props := splitProps(n.Props)
	out, res, err := s.create(account.CreateSpec{Ref: account.Ref{Kind: account.KindDatabase, Path: []string{n.Name}},
		OrReplace: n.OrReplace, IfNotExists: n.IfNotExists, Comment: comment, Transient: n.Transient, Props: props})
	if err == nil && out == account.Done {
		s.database, s.schema = n.Name, "PUBLIC"
	}
	return res, err
}

func (s *Session) execCreateSchema(n *CreateSchema) (*Result, error) {
	if n.Clone != nil {
		return nil, sferr.Unsupported("CREATE SCHEMA ... CLONE")
	}
	if n.Versioned && !s.actor.IsApplication() {
		return nil, sferr.Unsupported("VERSIONED SCHEMA outside an application")
	}
	ref, err := s.ref(account.KindSchema, n.Name, nil)
	if err != nil {
		return nil, err
	}
	comment, props := splitProps(n.Props)
	// CREATE OR ALTER VERSIONED SCHEMA keeps an existing schema (Frostgate
	// does not version the objects in it: docs/compatibility.md G.5).
	out, res, err := s.create(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists || n.OrAlter,
		Comment: comment, Transient: n.Transient, Managed: n.ManagedAccess, Props: props})
	if err == nil && out == account.Done {
		s.database, s.schema = ref.Path[0], ref.Path[1]
	}
	return res, err
}

func warehouseProps(ps Properties) (comment string, props map[string]string, err error) {
	comment, props = splitProps(ps)
	if v, ok := props["WAREHOUSE_SIZE"]; ok {
		size := account.WarehouseSize(v)
		if size == "" {
			return "", nil, sferr.ExecutionError("invalid value '" + v + "' for property 'WAREHOUSE_SIZE'")
		}
		props["WAREHOUSE_SIZE"] = size
	}
	if v, ok := props["INITIALLY_SUSPENDED"]; ok {
		delete(props, "INITIALLY_SUSPENDED")
		if v == "true" {
			props["STATE"] = "SUSPENDED"
		}
	}
	return comment, props, nil
}

func (s *Session) execCreateWarehouse(n *CreateWarehouse) (*Result, error) {
	comment, props, err := warehouseProps(n.Props)
	if err != nil {
		return nil, err
	}
	out, res, err := s.create(account.CreateSpec{Ref: account.Ref{Kind: account.KindWarehouse, Path: []string{n.Name}},
		OrReplace: n.OrReplace, IfNotExists: n.IfNotExists, Comment: comment, Props: props})
	if err == nil && out == account.Done {
		s.warehouse = n.Name // a new warehouse becomes the session's current one
	}
	return res, err
}

func (s *Session) execCreateStage(n *CreateStage) (*Result, error) {
	ref, err := s.ref(account.KindStage, n.Name, nil)
	if err != nil {
		return nil, err
	}
	comment, props := splitProps(n.Props)
	_, res, err := s.create(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: comment, Props: props})
	return res, err
}

func (s *Session) execCreateSequence(n *CreateSequence) (*Result, error) {
	ref, err := s.ref(account.KindSequence, n.Name, nil)
	if err != nil {
		return nil, err
	}
	_, res, err := s.create(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: strOr(n.Comment)})
	return res, err
}

// externalAccess refuses a function or procedure that names external
// access integrations or secrets: Frostgate has neither (docs/compatibility.md G.2).
func externalAccess(n *Routine) error {
	for _, p := range n.Props {
		if p.Name == "EXTERNAL_ACCESS_INTEGRATIONS" || p.Name == "SECRETS" {
			return sferr.Unsupported(p.Name + " of functions and procedures")
		}
	}
	return nil
}

func (s *Session) execCreateRoutine(k account.Kind, n *Routine) (*Result, error) {
	args := make([]string, len(n.Args))
	for i, a := range n.Args {
		args[i] = argType(a.Type)
	}
	ref, err := s.ref(k, n.Name, args)
	if err != nil {
		return nil, err
	}
	if err := externalAccess(n); err != nil {
		return nil, err
	}
	comment, props := splitProps(n.Props)
	props["RETURNS"] = n.Returns
	props["LANGUAGE"] = n.Language
	_, res, err := s.create(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: comment, Props: props})
	return res, err
}

// argType reduces an argument type to the name Snowflake keys signatures
// and prints grants by: NUMBER(38,0) -> NUMBER, STRING -> VARCHAR.
func argType(t string) string {
	base, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(t)), "(")
	base = strings.TrimSpace(base)
	switch base {
	case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT", "DECIMAL", "NUMERIC":
		return "NUMBER"
	case "STRING", "TEXT", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR", "NVARCHAR2", "CHAR VARYING", "NCHAR VARYING":
		return "VARCHAR"
	case "DOUBLE", "DOUBLE PRECISION", "REAL", "FLOAT4", "FLOAT8":
		return "FLOAT"
	case "DATETIME":
		return "TIMESTAMP_NTZ"
	case "VARBINARY":
		return "BINARY"
	}
	return base
}

func argTypes(ts []string) []string {
	if ts == nil {
		return nil
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = argType(t)
	}
	return out
}

func (s *Session) execDrop(n *Drop) (*Result, error) {
	switch n.Kind {
	case KindApplication:
		return s.execDropApplication(n)
	case KindApplicationPackage:
		return s.execDropApplicationPackage(n)
	case KindApplicationRole:
		return s.execDropApplicationRole(n)
	}
	k, err := accountKind(n.Kind)
	if err != nil {
		return nil, err
	}
	args := argTypes(n.ArgTypes)
	if (k == account.KindFunction || k == account.KindProcedure) && args == nil {
		args = []string{}
	}
	ref, err := s.ref(k, n.Name, args)
	if err != nil {
		return nil, err
	}
	out, err := s.acct.Drop(s.actor, account.DropSpec{Ref: ref, IfExists: n.IfExists})
	if err != nil {
		return nil, err
	}
	if out == account.Done {
		switch {
		case k == account.KindDatabase && ref.Path[0] == s.database:
			s.database, s.schema = "", ""
		case k == account.KindSchema && ref.Path[0] == s.database && ref.Path[1] == s.schema:
			s.schema = ""
		case k == account.KindWarehouse && ref.Path[0] == s.warehouse:
			s.warehouse = ""
		}
	}
	return status(KindDDL, droppedMessage(ref, out)), nil
}

func (s *Session) execUndrop(n *Undrop) (*Result, error) {
	k, err := accountKind(n.Kind)
	if err != nil {
		return nil, err
	}
	ref, err := s.ref(k, n.Name, nil)
	if err != nil {
		return nil, err
	}
	if err := s.acct.Undrop(s.actor, ref); err != nil {
		return nil, err
	}
	return status(KindDDL, k.Word()+" "+statusName(ref)+" successfully restored."), nil
}

func (s *Session) execAlter(ctx context.Context, n *Alter) (*Result, error) {
	k, err := accountKind(n.Kind)
	if err != nil {
		return nil, err
	}
	if n.Name == nil && k == account.KindWarehouse {
		if s.warehouse == "" {
			return nil, sferr.NoWarehouse()
		}
		n.Name = ObjectName{s.warehouse}
	}
	ref, err := s.ref(k, n.Name, nil)
	if err != nil {
		return nil, err
	}
	var spec account.AlterSpec
	switch n.Action {
	case AlterRename:
		return s.execRename(n, ref)
	case AlterOther:
		if k == account.KindTable {
			return s.execAlterColumns(ctx, n, ref)
		}
	case AlterSet:
		var comment string
		var props map[string]string
		switch k {
		case account.KindUser:
			comment, props, err = userProps(n.Set)
		case account.KindWarehouse:
			comment, props, err = warehouseProps(n.Set)
		default:
			comment, props = splitProps(n.Set)
		}
		if err != nil {
			return nil, err
		}
		if _, ok := n.Set.Get("COMMENT"); ok {
			props["COMMENT"] = comment
		}
		spec.Set = props
	case AlterUnset:
		spec.Unset = n.Unset
	case AlterEnableManagedAccess, AlterDisableManagedAccess:
		on := n.Action == AlterEnableManagedAccess
		spec.Managed = &on
	case AlterSuspend:
		spec.Set = map[string]string{"STATE": "SUSPENDED"}
	case AlterResume:
		spec.Set = map[string]string{"STATE": "STARTED"}
	default:
		return nil, sferr.Unsupported("ALTER " + n.Kind.String() + " " + strings.TrimSpace(n.Other))
	}
	if _, err := s.acct.Alter(s.actor, ref, spec, n.IfExists); err != nil {
		return nil, err
	}
	return status(KindDDL, executedOK), nil
}

// execRename completes the new name from the object's own path (an
// unqualified new name stays in the same schema or database) and renames.
func (s *Session) execRename(n *Alter, ref account.Ref) (*Result, error) {
	want := len(ref.Path)
	if len(n.NewName) > want || len(n.NewName) == 0 {
		return nil, sferr.SyntaxErrorMessage("invalid identifier '" + n.NewName.String() + "'")
	}
	newPath := append(append([]string{}, ref.Path[:want-len(n.NewName)]...), n.NewName...)
	out, err := s.acct.Rename(s.actor, ref, newPath, n.IfExists)
	if err != nil {
		return nil, err
	}
	if out == account.Done {
		switch {
		case ref.Kind == account.KindDatabase && ref.Path[0] == s.database:
			s.database = newPath[0]
		case ref.Kind == account.KindSchema && ref.Path[0] == s.database && ref.Path[1] == s.schema:
			s.database, s.schema = newPath[0], newPath[1]
		case ref.Kind == account.KindWarehouse && ref.Path[0] == s.warehouse:
			s.warehouse = newPath[0]
		}
	}
	return status(KindDDL, executedOK), nil
}

func (s *Session) execDescribe(n *Describe) (*Result, error) {
	if n.Kind == KindTable || n.Kind == KindView {
		return s.execDescribeRelation(n)
	}
	if n.Kind == KindApplication {
		return s.execDescribeApplication(n)
	}
	if n.Kind == KindApplicationPackage {
		return s.execDescribeApplicationPackage(n)
	}
	if n.Kind != KindUser {
		return nil, sferr.Unsupported("DESCRIBE " + n.Kind.String())
	}
	props, err := s.acct.DescribeUser(s.actor, n.Name.Last())
	if err != nil {
		return nil, err
	}
	rows := make([][]any, len(props))
	for i, p := range props {
		rows[i] = []any{p.Property, p.Value, p.Default, p.Description}
	}
	return rowsResult(describeUserCols, rows), nil
}
