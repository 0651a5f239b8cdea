package sqlengine

import (
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// createHeader holds what precedes the object type in CREATE.
type createHeader struct {
	start        int // index of the CREATE token
	orReplace    bool
	secure       bool
	transient    bool
	temporary    bool // TEMP, TEMPORARY, LOCAL/GLOBAL TEMP[ORARY], VOLATILE
	materialized bool
	orAlter      bool // CREATE OR ALTER (VERSIONED SCHEMA only)
	versioned    bool // VERSIONED SCHEMA: setup scripts only
}

// parseCreate parses CREATE [OR REPLACE] [modifiers] <kind> ...
func (p *parser) parseCreate() Statement {
	h := createHeader{start: p.i}
	p.next()
	if p.tok == OR {
		if p.peek(1).tok == ALTER {
			p.next()
			p.next()
			if !p.atVersionedSchema() {
				return p.parseUnsupportedKind(h.start, "CREATE OR ALTER", objectTypes)
			}
			h.orAlter = true
		} else {
			p.next()
			p.expect(REPLACE)
			h.orReplace = true
		}
	}
	if !h.orAlter {
		p.parseCreateModifiers(&h)
	}
	if p.atVersionedSchema() {
		// Setup scripts only (docs/compatibility.md G.5).
		p.next()
		h.versioned = true
	}
	if p.tok == APPLICATION && p.peek(1).tok == ROLE {
		return p.parseCreateApplicationRole(h)
	}
	if p.atApplicationPackage() {
		return p.parseCreateApplicationPackage(h)
	}
	if p.atCreateApplication() {
		return p.parseCreateApplication(h)
	}
	kindTok := p.cur()
	kind := p.parseKind(KindRole, KindDatabaseRole, KindUser, KindDatabase, KindSchema, KindWarehouse,
		KindTable, KindView, KindStage, KindSequence, KindFunction, KindProcedure, KindStreamlit)
	if kind == 0 {
		return p.parseUnsupportedKind(h.start, "CREATE", objectTypes)
	}
	var secure, transient, temporary, materialized bool // what the kind allows
	switch kind {
	case KindDatabase, KindSchema:
		transient = true
	case KindTable:
		transient, temporary = true, true
	case KindView:
		secure, temporary, materialized = true, true, true
	case KindStage:
		temporary = true
	case KindFunction, KindProcedure:
		secure, temporary = true, true
	}
	if h.secure && !secure || h.transient && !transient || h.temporary && !temporary ||
		h.materialized && !materialized || h.transient && h.temporary {
		p.errorAt(kindTok)
	}
	var st Statement
	var ifNotExists bool
	switch kind {
	case KindRole:
		n := &CreateRole{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(1)[0]
		n.Comment = p.parseCommentOpt()
		st, ifNotExists = n, n.IfNotExists
	case KindDatabaseRole:
		n := &CreateDatabaseRole{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(2)
		n.Comment = p.parseCommentOpt()
		st, ifNotExists = n, n.IfNotExists
	case KindUser:
		n := &CreateUser{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(1)[0]
		n.Props = p.parseProperties()
		st, ifNotExists = n, n.IfNotExists
	case KindDatabase:
		n := &CreateDatabase{OrReplace: h.orReplace, Transient: h.transient, IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(1)[0]
		if p.got(CLONE) {
			n.Clone = p.parseName(1)
		}
		n.Props = p.parseProperties()
		st, ifNotExists = n, n.IfNotExists
	case KindSchema:
		n := &CreateSchema{OrReplace: h.orReplace, OrAlter: h.orAlter, Versioned: h.versioned, Transient: h.transient,
			IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(2)
		if p.got(CLONE) {
			n.Clone = p.parseName(2)
		}
		if p.tok == WITH && p.peek(1).tok == MANAGED {
			p.next()
			p.next()
			p.expect(ACCESS)
			n.ManagedAccess = true
		}
		n.Props = p.parseProperties()
		st, ifNotExists = n, n.IfNotExists
	case KindWarehouse:
		n := &CreateWarehouse{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(1)[0]
		p.got(WITH)
		n.Props = p.parseProperties()
		st, ifNotExists = n, n.IfNotExists
	case KindTable:
		n := p.parseCreateTable(h)
		st, ifNotExists = n, n.IfNotExists
	case KindView:
		n := p.parseCreateView(h)
		st, ifNotExists = n, n.IfNotExists
	case KindStage:
		n := &CreateStage{OrReplace: h.orReplace, Temporary: h.temporary, IfNotExists: p.parseIfNotExists()}
		n.Name = p.parseName(3)
		n.Props = p.parseProperties()
		st, ifNotExists = n, n.IfNotExists
	case KindSequence:
		n := p.parseCreateSequence(h)
		st, ifNotExists = n, n.IfNotExists
	case KindStreamlit:
		n := p.parseCreateStreamlit(h)
		st, ifNotExists = n, n.IfNotExists
	case KindFunction:
		r := p.parseRoutine(h, false)
		st, ifNotExists = &CreateFunction{Routine: r}, r.IfNotExists
	case KindProcedure:
		r := p.parseRoutine(h, true)
		st, ifNotExists = &CreateProcedure{Routine: r}, r.IfNotExists
	}
	if h.orReplace && ifNotExists && p.deferred == nil {
		p.deferred = sferr.SyntaxErrorMessage("options IF NOT EXISTS and OR REPLACE are incompatible.")
	}
	return st
}

func (p *parser) parseCreateModifiers(h *createHeader) {
	for {
		switch {
		case p.tok == SECURE:
			h.secure = true
		case p.tok == TRANSIENT:
			h.transient = true
		case p.tok == TEMPORARY, p.tok == TEMP, p.tok == VOLATILE:
			h.temporary = true
		case (p.tok == LOCAL || p.tok == GLOBAL) && (p.peek(1).tok == TEMPORARY || p.peek(1).tok == TEMP):
			p.next()
			h.temporary = true
		case p.tok == MATERIALIZED:
			h.materialized = true
		default:
			return
		}
		p.next()
	}
}

func createSQL(orReplace bool, mods ...string) *sqlWriter {
	s := &sqlWriter{}
	s.w("CREATE").flag(orReplace, "OR REPLACE").w(mods...)
	return s
}

func ifNotExistsSQL(on bool) string {
	if on {
		return "IF NOT EXISTS"
	}
	return ""
}

func ifExistsSQL(on bool) string {
	if on {
		return "IF EXISTS"
	}
	return ""
}

func pick(on bool, s string) string {
	if on {
		return s
	}
	return ""
}

// CreateDatabase is CREATE [OR REPLACE] [TRANSIENT] DATABASE [IF NOT EXISTS]
// name [CLONE source] [props].
type CreateDatabase struct {
	OrReplace   bool       // OR REPLACE
	Transient   bool       // TRANSIENT
	IfNotExists bool       // IF NOT EXISTS
	Name        string     // the database
	Clone       ObjectName // CLONE source database; nil when absent
	Props       Properties // NAME = value options (COMMENT, DATA_RETENTION_TIME_IN_DAYS, ...)
}

var _ Statement = (*CreateDatabase)(nil)

func (*CreateDatabase) stmt() {}

// String implements Statement.
func (n *CreateDatabase) String() string {
	s := createSQL(n.OrReplace, pick(n.Transient, "TRANSIENT"))
	s.w("DATABASE", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name))
	if n.Clone != nil {
		s.w("CLONE", n.Clone.sql())
	}
	return s.w(n.Props.String()).String()
}

// CreateSchema is CREATE [OR REPLACE] [TRANSIENT] SCHEMA [IF NOT EXISTS]
// [db.]name [CLONE source] [WITH MANAGED ACCESS] [props].
type CreateSchema struct {
	OrReplace     bool       // OR REPLACE
	OrAlter       bool       // OR ALTER (with VERSIONED only)
	Versioned     bool       // VERSIONED: a setup script's versioned schema
	Transient     bool       // TRANSIENT
	IfNotExists   bool       // IF NOT EXISTS
	Name          ObjectName // [db.]schema
	Clone         ObjectName // CLONE source schema; nil when absent
	ManagedAccess bool       // WITH MANAGED ACCESS
	Props         Properties // NAME = value options (COMMENT, DATA_RETENTION_TIME_IN_DAYS, ...)
}

var _ Statement = (*CreateSchema)(nil)

func (*CreateSchema) stmt() {}

// String implements Statement.
func (n *CreateSchema) String() string {
	s := createSQL(n.OrReplace)
	s.flag(n.OrAlter, "OR ALTER").w(pick(n.Transient, "TRANSIENT")).flag(n.Versioned, "VERSIONED")
	s.w("SCHEMA", ifNotExistsSQL(n.IfNotExists), n.Name.sql())
	if n.Clone != nil {
		s.w("CLONE", n.Clone.sql())
	}
	return s.flag(n.ManagedAccess, "WITH MANAGED ACCESS").w(n.Props.String()).String()
}

// CreateWarehouse is CREATE [OR REPLACE] WAREHOUSE [IF NOT EXISTS] name
// [WITH] [props]. Values are kept as written: WAREHOUSE_SIZE may be an
// identifier (XSMALL) or a string ('X-SMALL').
type CreateWarehouse struct {
	OrReplace   bool       // OR REPLACE
	IfNotExists bool       // IF NOT EXISTS
	Name        string     // the warehouse
	Props       Properties // WAREHOUSE_SIZE, AUTO_SUSPEND, AUTO_RESUME, INITIALLY_SUSPENDED, COMMENT, ...
}

var _ Statement = (*CreateWarehouse)(nil)

func (*CreateWarehouse) stmt() {}

// String implements Statement.
func (n *CreateWarehouse) String() string {
	s := createSQL(n.OrReplace)
	return s.w("WAREHOUSE", ifNotExistsSQL(n.IfNotExists), quoteName(n.Name), n.Props.String()).String()
}

// AlterAction says what an ALTER statement does.
type AlterAction int

// The ALTER actions.
const (
	AlterRename               AlterAction = iota + 1 // RENAME TO NewName
	AlterSet                                         // SET Set
	AlterUnset                                       // UNSET Unset
	AlterEnableManagedAccess                         // ENABLE MANAGED ACCESS (schemas)
	AlterDisableManagedAccess                        // DISABLE MANAGED ACCESS (schemas)
	AlterSuspend                                     // SUSPEND (warehouses)
	AlterResume                                      // RESUME [IF SUSPENDED] (warehouses)
	AlterResetPassword                               // RESET PASSWORD (users)
	AlterOther                                       // anything else; Other holds its text
)

var alterActionNames = [...]string{
	AlterRename: "RENAME", AlterSet: "SET", AlterUnset: "UNSET",
	AlterEnableManagedAccess: "ENABLE MANAGED ACCESS", AlterDisableManagedAccess: "DISABLE MANAGED ACCESS",
	AlterSuspend: "SUSPEND", AlterResume: "RESUME", AlterResetPassword: "RESET PASSWORD", AlterOther: "OTHER",
}

// String returns the action's leading keywords.
func (a AlterAction) String() string {
	if a > 0 && int(a) < len(alterActionNames) {
		return alterActionNames[a]
	}
	return "AlterAction(" + itoa(int(a)) + ")"
}

// Alter is ALTER <kind> [IF EXISTS] name <action> for roles, database roles,
// users, databases, schemas, warehouses, tables and views. SET and UNSET
// take any property names; the executor checks which apply to the kind.
// Actions Frostgate does not model (ALTER TABLE ... ADD COLUMN, SET TAG,
// SWAP WITH, ...) parse as AlterOther so the executor can reject them.
type Alter struct {
	Kind        ObjectKind  // KindRole, KindDatabaseRole, KindUser, KindDatabase, KindSchema, KindWarehouse, KindTable or KindView
	IfExists    bool        // IF EXISTS
	Name        ObjectName  // the object; nil only for ALTER WAREHOUSE SUSPEND|RESUME (the current warehouse)
	Action      AlterAction // what to do
	NewName     ObjectName  // AlterRename: the new name (as many parts as Kind allows)
	Set         Properties  // AlterSet: NAME = value options
	Unset       []string    // AlterUnset: property names, upper case
	IfSuspended bool        // AlterResume: RESUME IF SUSPENDED
	Other       string      // AlterOther: the action's text, normalized like a select item ("ADD COLUMN C NUMBER")
}

var _ Statement = (*Alter)(nil)

func (*Alter) stmt() {}

// String implements Statement.
func (n *Alter) String() string {
	s := &sqlWriter{}
	s.w("ALTER", n.Kind.String(), ifExistsSQL(n.IfExists))
	if n.Name != nil {
		s.w(n.Name.sql())
	}
	switch n.Action {
	case AlterRename:
		s.w("RENAME TO", n.NewName.sql())
	case AlterSet:
		s.w("SET", n.Set.String())
	case AlterUnset:
		s.w("UNSET", strings.Join(n.Unset, ", "))
	case AlterResume:
		s.w("RESUME").flag(n.IfSuspended, "IF SUSPENDED")
	case AlterOther:
		s.w(n.Other)
	default:
		s.w(n.Action.String())
	}
	return s.String()
}

// parseAlter parses ALTER ... .
func (p *parser) parseAlter() Statement {
	start := p.i
	p.next()
	if p.tok == SESSION {
		return p.parseAlterSession()
	}
	if p.tok == PROCEDURE {
		return p.parseAlterProcedure(start)
	}
	if p.atApplicationPackage() {
		return p.parseAlterApplicationPackage()
	}
	if p.atAlterApplication() {
		return p.parseAlterApplication(start)
	}
	kind := p.parseKind(KindRole, KindDatabaseRole, KindUser, KindDatabase, KindSchema, KindWarehouse, KindTable, KindView)
	if kind == 0 {
		return p.parseUnsupportedKind(start, "ALTER", objectTypes)
	}
	n := &Alter{Kind: kind, IfExists: p.parseIfExists()}
	currentWarehouse := kind == KindWarehouse &&
		(p.tok == SUSPEND && isEnd(p.peek(1)) ||
			p.tok == RESUME && (isEnd(p.peek(1)) || p.peek(1).tok == IF && p.peek(2).tok == SUSPENDED))
	if !currentWarehouse {
		n.Name = p.parseName(kind.NameParts())
	}
	switch {
	case p.tok == RENAME && p.peek(1).tok == TO:
		p.next()
		p.next()
		n.Action, n.NewName = AlterRename, p.parseName(kind.NameParts())
	case p.tok == SET && isWord(p.peek(1)) && p.peek(2).tok == EQ:
		p.next()
		n.Action, n.Set = AlterSet, p.parseProperties()
	case p.tok == UNSET && isWord(p.peek(1)) && p.peek(1).tok != TAG:
		p.next()
		n.Action, n.Unset = AlterUnset, p.parseWordList()
	case kind == KindSchema && (p.tok == ENABLE || p.tok == DISABLE) && p.peek(1).tok == MANAGED && p.peek(2).tok == ACCESS:
		n.Action = AlterEnableManagedAccess
		if p.tok == DISABLE {
			n.Action = AlterDisableManagedAccess
		}
		p.next()
		p.next()
		p.next()
	case kind == KindWarehouse && p.tok == SUSPEND:
		p.next()
		n.Action = AlterSuspend
	case kind == KindWarehouse && p.tok == RESUME:
		p.next()
		n.Action = AlterResume
		if p.got(IF) {
			p.expect(SUSPENDED)
			n.IfSuspended = true
		}
	case kind == KindUser && p.tok == RESET && p.peek(1).tok == PASSWORD:
		p.next()
		p.next()
		n.Action = AlterResetPassword
	default:
		if p.atEnd() {
			p.errorUnexpected()
		}
		from := p.skipToEnd()
		n.Action, n.Other = AlterOther, p.normText(from, p.i)
	}
	return n
}

func isEnd(t token) bool { return t.tok == EOF || t.tok == SEMICOLON }

// Drop is DROP <kind> [IF EXISTS] name [(argtypes)] [CASCADE|RESTRICT], for
// every ObjectKind.
type Drop struct {
	Kind     ObjectKind   // what is dropped
	IfExists bool         // IF EXISTS
	Name     ObjectName   // the object (as many parts as Kind allows)
	ArgTypes []string     // FUNCTION/PROCEDURE: normalized argument types; nil when no list was written
	Behavior DropBehavior // CASCADE/RESTRICT: only DATABASE, SCHEMA, TABLE, VIEW and MATERIALIZED VIEW accept one
}

var _ Statement = (*Drop)(nil)

func (*Drop) stmt() {}

// String implements Statement.
func (n *Drop) String() string {
	s := &sqlWriter{}
	s.w("DROP", n.Kind.String(), ifExistsSQL(n.IfExists), n.Name.sql()).raw(argTypesSQL(n.ArgTypes))
	return s.w(n.Behavior.String()).String()
}

var allKinds = func() []ObjectKind {
	var ks []ObjectKind
	for k := KindRole; k < numKinds; k++ {
		ks = append(ks, k)
	}
	return ks
}()

func (p *parser) parseDrop() Statement {
	start := p.i
	p.next()
	kind := p.parseKind(allKinds...)
	if kind == 0 {
		return p.parseUnsupportedKind(start, "DROP", objectTypes)
	}
	n := &Drop{Kind: kind, IfExists: p.parseIfExists()}
	n.Name = p.parseName(kind.NameParts())
	switch kind {
	case KindFunction, KindProcedure:
		if p.tok == LPAREN {
			n.ArgTypes = p.parseArgTypes()
		}
	case KindDatabase, KindSchema, KindTable, KindView, KindMaterializedView:
		n.Behavior = p.parseBehavior()
	case KindApplication:
		if p.got(CASCADE) {
			n.Behavior = BehaviorCascade
		}
	}
	return n
}

// Undrop is UNDROP DATABASE|SCHEMA|TABLE|VIEW name.
type Undrop struct {
	Kind ObjectKind // KindDatabase, KindSchema, KindTable or KindView
	Name ObjectName // the object
}

var _ Statement = (*Undrop)(nil)

func (*Undrop) stmt() {}

// String implements Statement.
func (n *Undrop) String() string { return "UNDROP " + n.Kind.String() + " " + n.Name.sql() }

func (p *parser) parseUndrop() Statement {
	start := p.i
	p.next()
	kind := p.parseKind(KindDatabase, KindSchema, KindTable, KindView)
	if kind == 0 {
		return p.parseUnsupportedKind(start, "UNDROP", objectTypes)
	}
	return &Undrop{Kind: kind, Name: p.parseName(kind.NameParts())}
}

// Describe is DESCRIBE|DESC USER|TABLE|VIEW name. DESCRIBE of other known
// object types parses as Unsupported; DESCRIBE ROLE is a syntax error, as in
// Snowflake.
type Describe struct {
	Kind ObjectKind // KindUser, KindTable or KindView
	Name ObjectName // the object; nil with Ref
	Ref  *Binding   // DESCRIBE TABLE | VIEW reference('name'); nil otherwise
}

var _ Statement = (*Describe)(nil)

func (*Describe) stmt() {}

// String implements Statement.
func (n *Describe) String() string {
	if n.Ref != nil {
		return "DESCRIBE " + n.Kind.String() + " " + n.Ref.String()
	}
	return "DESCRIBE " + n.Kind.String() + " " + n.Name.sql()
}

func (p *parser) parseDescribe() Statement {
	start := p.i
	p.next()
	if p.tok == APPLICATION && p.peek(1).tok == ROLE && isNameStart(p.peek(2)) {
		return p.parseUnsupportedKind(start, "DESCRIBE", describeTypes)
	}
	kind := p.parseKind(KindUser, KindTable, KindView, KindApplication, KindApplicationPackage)
	if kind == 0 {
		if p.tok == ROLE {
			p.errorUnexpected()
		}
		return p.parseUnsupportedKind(start, "DESCRIBE", describeTypes)
	}
	if (kind == KindTable || kind == KindView) && atBinding(p.toks, p.i) {
		return &Describe{Kind: kind, Ref: p.parseBinding()}
	}
	return &Describe{Kind: kind, Name: p.parseName(kind.NameParts())}
}
