package account

// need is what one object must grant the session for an operation.
type need struct {
	privs   PrivSet // any one of these privileges
	anyPriv bool    // any privilege at all, OWNERSHIP included
	visible bool    // any privilege, or the global MANAGE GRANTS
	owner   bool    // OWNERSHIP only
}

// Rule is an operation's requirements, in Polaris's target/secondary style:
// one need on the object acted on, one on each of its containers (database,
// then schema). Primary rules are judged with the primary role's hierarchy
// only (CREATE statements, spec §3.5).
type Rule struct {
	target     need
	containers need
	primary    bool
}

func needPriv(names ...string) need { return need{privs: setOf(names...)} }

var (
	needAnyPriv = need{anyPriv: true}
	needVisible = need{visible: true}
	needOwner   = need{owner: true}
)

// rules is the one table of who may do what (spec §6.1).
var rules = [numOps]Rule{
	// Data: the privilege on the object plus any privilege on its database and schema.
	OpSelect:   {target: needPriv("SELECT"), containers: needAnyPriv},
	OpInsert:   {target: needPriv("INSERT"), containers: needAnyPriv},
	OpUpdate:   {target: needPriv("UPDATE"), containers: needAnyPriv},
	OpDelete:   {target: needPriv("DELETE"), containers: needAnyPriv},
	OpTruncate: {target: needPriv("TRUNCATE"), containers: needAnyPriv},
	OpUse:      {target: needPriv("USAGE"), containers: needAnyPriv},
	OpOperate:  {target: needPriv("OPERATE"), containers: needAnyPriv},

	// Owner's rights: drop, alter, rename, undrop.
	OpOwn: {target: needOwner, containers: needAnyPriv},
	// Seeing an object: SHOW GRANTS ON, DESCRIBE. MANAGE GRANTS sees everything.
	OpShow: {target: needVisible, containers: needVisible},

	// Creation, by the primary role only: the CREATE privilege on the container.
	OpCreateTable:        {target: needPriv("CREATE TABLE"), containers: needAnyPriv, primary: true},
	OpCreateView:         {target: needPriv("CREATE VIEW"), containers: needAnyPriv, primary: true},
	OpCreateStage:        {target: needPriv("CREATE STAGE"), containers: needAnyPriv, primary: true},
	OpCreateSequence:     {target: needPriv("CREATE SEQUENCE"), containers: needAnyPriv, primary: true},
	OpCreateFunction:     {target: needPriv("CREATE FUNCTION"), containers: needAnyPriv, primary: true},
	OpCreateProcedure:    {target: needPriv("CREATE PROCEDURE"), containers: needAnyPriv, primary: true},
	OpCreateSchema:       {target: needPriv("CREATE SCHEMA"), primary: true},
	OpCreateDatabaseRole: {target: needPriv("CREATE DATABASE ROLE"), primary: true},
	OpCreateDatabase:     {target: needPriv("CREATE DATABASE"), primary: true},
	OpCreateWarehouse:    {target: needPriv("CREATE WAREHOUSE"), primary: true},
	OpCreateRole:         {target: needPriv("CREATE ROLE"), primary: true},
	OpCreateUser:         {target: needPriv("CREATE USER"), primary: true},
	OpCreateStreamlit:    {target: needPriv("CREATE STREAMLIT"), containers: needAnyPriv, primary: true},
}

// RuleFor returns op's rule and whether it has one.
func RuleFor(op Op) (Rule, bool) {
	if op == OpNone || op >= numOps {
		return Rule{}, false
	}
	r := rules[op]
	return r, r.target != (need{})
}
