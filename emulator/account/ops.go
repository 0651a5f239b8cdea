package account

// Op is an action a session asks to perform on an object. Each has exactly
// one Rule in rules.go (TestEveryOpHasRule checks it).
type Op uint16

const (
	OpNone Op = iota
	OpSelect
	OpInsert
	OpUpdate
	OpDelete
	OpTruncate
	OpUse  // USE DATABASE / SCHEMA / WAREHOUSE; using a sequence, stage, function
	OpOwn  // DROP, ALTER, RENAME, UNDROP: the owner's rights
	OpShow // see the object: SHOW GRANTS ON, DESCRIBE
	OpOperate
	OpCreateTable // the target is the schema
	OpCreateView
	OpCreateStage
	OpCreateSequence
	OpCreateFunction
	OpCreateProcedure
	OpCreateSchema       // the target is the database
	OpCreateDatabaseRole // the target is the database
	OpCreateDatabase     // the target is the account
	OpCreateWarehouse
	OpCreateRole
	OpCreateUser
	OpCreateStreamlit
	numOps
)

var opNames = [numOps]string{"NONE", "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "USE", "OWN", "SHOW",
	"OPERATE", "CREATE TABLE", "CREATE VIEW", "CREATE STAGE", "CREATE SEQUENCE", "CREATE FUNCTION",
	"CREATE PROCEDURE", "CREATE SCHEMA", "CREATE DATABASE ROLE", "CREATE DATABASE", "CREATE WAREHOUSE",
	"CREATE ROLE", "CREATE USER", "CREATE STREAMLIT"}

func (op Op) String() string {
	if op < numOps {
		return opNames[op]
	}
	return "UNKNOWN"
}

// createOp returns the operation that creates an object of kind k.
func createOp(k Kind) Op {
	switch k {
	case KindTable:
		return OpCreateTable
	case KindView:
		return OpCreateView
	case KindStage:
		return OpCreateStage
	case KindSequence:
		return OpCreateSequence
	case KindFunction:
		return OpCreateFunction
	case KindProcedure:
		return OpCreateProcedure
	case KindSchema:
		return OpCreateSchema
	case KindDatabaseRole:
		return OpCreateDatabaseRole
	case KindDatabase:
		return OpCreateDatabase
	case KindWarehouse:
		return OpCreateWarehouse
	case KindRole:
		return OpCreateRole
	case KindUser:
		return OpCreateUser
	case KindStreamlit:
		return OpCreateStreamlit
	}
	return OpNone
}
