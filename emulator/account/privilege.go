package account

import (
	"math/bits"
	"sort"
)

// Privilege is one grantable privilege. Its value is its bit in a PrivSet:
// the position in privNames, which is append-only so stored sets never
// change meaning (CockroachDB's privilege.Kind rule). OWNERSHIP is not a
// privilege bit: every object has exactly one owner.
type Privilege uint8

// privNames spells every privilege as Snowflake prints it. Append only.
var privNames = [...]string{
	// 0: common
	"USAGE", "MODIFY", "MONITOR", "OPERATE", "APPLYBUDGET", "SELECT", "INSERT", "UPDATE",
	"DELETE", "TRUNCATE", "REFERENCES", "REBUILD", "EVOLVE SCHEMA", "SELECT ERROR TABLE",
	"DELETE ERROR TABLE", "VIEW EXPANDED QUERY PROFILE", "READ", "WRITE", "IMPERSONATE",
	"MODIFY PROGRAMMATIC AUTHENTICATION METHODS", "MANAGE GRANTS", "IMPORTED PRIVILEGES",
	"REFERENCE_USAGE", "EXECUTE AUTO CLASSIFICATION", "CREATE DATABASE ROLE", "CREATE SCHEMA",
	"ADD SEARCH OPTIMIZATION",
	// 27: global
	"CREATE ACCOUNT", "CREATE APPLICATION", "CREATE APPLICATION PACKAGE", "CREATE COMPUTE POOL",
	"CREATE CREDENTIAL", "CREATE DATA EXCHANGE LISTING", "CREATE DATABASE", "CREATE EXTERNAL VOLUME",
	"CREATE FAILOVER GROUP", "CREATE INTEGRATION", "CREATE API INTEGRATION", "CREATE LISTING",
	"CREATE NETWORK POLICY", "CREATE ORGANIZATION LISTING", "CREATE ORGANIZATION PROFILE",
	"CREATE PREVIEW APPLICATION", "CREATE REPLICATION GROUP", "CREATE ROLE", "CREATE SHARE",
	"CREATE USER", "CREATE WAREHOUSE", "ATTACH POLICY", "AUDIT", "BIND SERVICE ENDPOINT",
	"APPLY AGGREGATION POLICY", "APPLY AUTHENTICATION POLICY", "APPLY JOIN POLICY",
	"APPLY MASKING POLICY", "APPLY PACKAGES POLICY", "APPLY PASSWORD POLICY",
	"APPLY PROJECTION POLICY", "APPLY ROW ACCESS POLICY", "APPLY SESSION POLICY",
	"APPLY STORAGE LIFECYCLE POLICY", "APPLY CONTACT", "APPLY TAG", "EXECUTE ALERT",
	"EXECUTE DATA METRIC FUNCTION", "EXECUTE MANAGED ALERT", "EXECUTE MANAGED TASK", "EXECUTE TASK",
	"IMPORT SHARE", "IMPORT ORGANIZATION LISTING", "MANAGE ACCOUNT SUPPORT CASES",
	"MANAGE APPLICATION SPECIFICATIONS", "MANAGE CORTEX EXTENSION SECURITY SCAN",
	"MANAGE EVENT SHARING", "MANAGE LISTING AUTO FULFILLMENT", "MANAGE ORGANIZATION SUPPORT CASES",
	"MANAGE SHARE TARGET", "MANAGE USER SUPPORT CASES", "MANAGE VISIBILITY", "MANAGE WAREHOUSES",
	"MODIFY LOG LEVEL", "MODIFY TRACE LEVEL", "MODIFY METRIC LEVEL", "MODIFY SESSION LOG LEVEL",
	"MODIFY SESSION TRACE LEVEL", "MODIFY SESSION METRIC LEVEL", "MONITOR CORTEX EXTENSIONS",
	"MONITOR EXECUTION", "MONITOR SECURITY", "MONITOR USAGE", "OVERRIDE SHARE RESTRICTIONS",
	"PURCHASE DATA EXCHANGE LISTING", "RESOLVE ALL", "READ SESSION", "READ UNREDACTED ERROR TABLE",
	"USE AI FUNCTIONS", "CREATE COMPUTE POOL SERVICE",
	// 101: schema
	"CREATE AGENT", "CREATE ALERT", "CREATE CONTACT", "CREATE CORTEX SEARCH SERVICE",
	"CREATE DATA METRIC FUNCTION", "CREATE DATASET", "CREATE DBT PROJECT", "CREATE DYNAMIC TABLE",
	"CREATE EVENT TABLE", "CREATE EXPERIMENT", "CREATE EXTERNAL TABLE", "CREATE FILE FORMAT",
	"CREATE FUNCTION", "CREATE GATEWAY", "CREATE GIT REPOSITORY", "CREATE HYBRID TABLE",
	"CREATE ICEBERG TABLE", "CREATE IMAGE REPOSITORY", "CREATE INTERACTIVE TABLE",
	"CREATE MATERIALIZED VIEW", "CREATE MCP SERVER", "CREATE MODEL", "CREATE NETWORK RULE",
	"CREATE NOTEBOOK", "CREATE ONLINE FEATURE TABLE", "CREATE PIPE", "CREATE PROCEDURE",
	"CREATE AGGREGATION POLICY", "CREATE AUTHENTICATION POLICY", "CREATE JOIN POLICY",
	"CREATE MASKING POLICY", "CREATE PACKAGES POLICY", "CREATE PASSWORD POLICY",
	"CREATE PRIVACY POLICY", "CREATE PROJECTION POLICY", "CREATE ROW ACCESS POLICY",
	"CREATE SESSION POLICY", "CREATE STORAGE LIFECYCLE POLICY", "CREATE MULTI PARTY APPROVAL POLICY",
	"CREATE SECRET", "CREATE SEMANTIC VIEW", "CREATE SEQUENCE", "CREATE SERVICE", "CREATE SNAPSHOT",
	"CREATE SNAPSHOT POLICY", "CREATE SNAPSHOT SET", "CREATE STAGE", "CREATE STREAM",
	"CREATE STREAMLIT", "CREATE TABLE", "CREATE TAG", "CREATE TASK", "CREATE TEMPORARY TABLE",
	"CREATE TYPE", "CREATE VIEW", "CREATE WORKSPACE", "CREATE APPLICATION SERVICE",
	"CREATE ARTIFACT REPOSITORY", "CREATE SNOWFLAKE.CORE.BUDGET",
	"CREATE SNOWFLAKE.ML.ANOMALY_DETECTION", "CREATE SNOWFLAKE.ML.FORECAST",
	"CREATE SNOWFLAKE.ML.CLASSIFICATION",
	// 159: application package
	"ATTACH LISTING", "DEVELOP", "INSTALL", "MANAGE VERSIONS", "MANAGE RELEASES",
}

const numPrivs = len(privNames)

// PrivSet is a set of privileges, one bit each.
type PrivSet [4]uint64

// Has reports whether p is in the set.
func (s PrivSet) Has(p Privilege) bool { return s[p>>6]&(1<<(p&63)) != 0 }

// With returns the set plus p.
func (s PrivSet) With(p Privilege) PrivSet { s[p>>6] |= 1 << (p & 63); return s }

// Without returns the set minus p.
func (s PrivSet) Without(p Privilege) PrivSet { s[p>>6] &^= 1 << (p & 63); return s }

// Union returns s ∪ o.
func (s PrivSet) Union(o PrivSet) PrivSet {
	return PrivSet{s[0] | o[0], s[1] | o[1], s[2] | o[2], s[3] | o[3]}
}

// Intersect returns s ∩ o.
func (s PrivSet) Intersect(o PrivSet) PrivSet {
	return PrivSet{s[0] & o[0], s[1] & o[1], s[2] & o[2], s[3] & o[3]}
}

// Minus returns s \ o.
func (s PrivSet) Minus(o PrivSet) PrivSet {
	return PrivSet{s[0] &^ o[0], s[1] &^ o[1], s[2] &^ o[2], s[3] &^ o[3]}
}

// Empty reports whether the set has no privilege.
func (s PrivSet) Empty() bool { return s[0]|s[1]|s[2]|s[3] == 0 }

// Len returns the number of privileges in the set.
func (s PrivSet) Len() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}

// Each calls f for every privilege in the set, in bit order.
func (s PrivSet) Each(f func(Privilege)) {
	for w, word := range s {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			f(Privilege(w*64 + b))
			word &^= 1 << b
		}
	}
}

// Names returns the set's privileges spelled out, sorted alphabetically.
func (s PrivSet) Names() []string {
	var out []string
	s.Each(func(p Privilege) { out = append(out, p.String()) })
	sort.Strings(out)
	return out
}

// String returns the privilege as Snowflake prints it.
func (p Privilege) String() string {
	if int(p) < numPrivs {
		return privNames[p]
	}
	return "UNKNOWN"
}

var privByName = func() map[string]Privilege {
	m := make(map[string]Privilege, numPrivs)
	for i, n := range privNames {
		if _, dup := m[n]; dup {
			panic("duplicate privilege " + n)
		}
		m[n] = Privilege(i)
	}
	return m
}()

// PrivilegeByName returns the privilege spelled name (upper case, single
// spaces), and whether it exists.
func PrivilegeByName(name string) (Privilege, bool) {
	p, ok := privByName[name]
	return p, ok
}

func mustPriv(name string) Privilege {
	p, ok := privByName[name]
	if !ok {
		panic("unknown privilege " + name)
	}
	return p
}

func setOf(names ...string) PrivSet {
	var s PrivSet
	for _, n := range names {
		s = s.With(mustPriv(n))
	}
	return s
}

// Privileges the rules refer to by name.
var (
	PrivUsage        = mustPriv("USAGE")
	PrivSelect       = mustPriv("SELECT")
	PrivInsert       = mustPriv("INSERT")
	PrivUpdate       = mustPriv("UPDATE")
	PrivDelete       = mustPriv("DELETE")
	PrivTruncate     = mustPriv("TRUNCATE")
	PrivManageGrants = mustPriv("MANAGE GRANTS")
	PrivMonitor      = mustPriv("MONITOR")
	PrivRead         = mustPriv("READ")
	PrivWrite        = mustPriv("WRITE")
)

func rangeSet(from, to string) PrivSet {
	var s PrivSet
	for p := mustPriv(from); p <= mustPriv(to); p++ {
		s = s.With(p)
	}
	return s
}

var (
	globalPrivs = rangeSet("CREATE ACCOUNT", "CREATE COMPUTE POOL SERVICE").With(PrivManageGrants)
	tablePrivs  = setOf("APPLYBUDGET", "DELETE", "DELETE ERROR TABLE", "EVOLVE SCHEMA", "INSERT", "REBUILD",
		"REFERENCES", "SELECT", "SELECT ERROR TABLE", "TRUNCATE", "UPDATE")
	packagePrivs = rangeSet("ATTACH LISTING", "MANAGE RELEASES")
	schemaAll    = rangeSet("CREATE AGENT", "CREATE SNOWFLAKE.ML.CLASSIFICATION").Union(
		setOf("ADD SEARCH OPTIMIZATION", "APPLYBUDGET", "EXECUTE AUTO CLASSIFICATION", "MODIFY", "MONITOR", "USAGE"))
)

// validFor is the set of privileges that may be granted on each kind
// (spec §5), playing the role of PostgreSQL's ACL_ALL_RIGHTS_*.
var validFor = [numKinds]PrivSet{
	KindAccount: globalPrivs,
	KindDatabase: setOf("APPLYBUDGET", "CREATE DATABASE ROLE", "CREATE SCHEMA", "EXECUTE AUTO CLASSIFICATION",
		"IMPORTED PRIVILEGES", "MANAGE GRANTS", "MODIFY", "MONITOR", "USAGE", "REFERENCE_USAGE"),
	KindSchema:             schemaAll.With(PrivManageGrants),
	KindTable:              tablePrivs,
	KindView:               tablePrivs.With(mustPriv("VIEW EXPANDED QUERY PROFILE")),
	KindFunction:           setOf("USAGE", "MONITOR"),
	KindProcedure:          setOf("USAGE"),
	KindStage:              setOf("READ", "WRITE", "USAGE"),
	KindSequence:           setOf("USAGE"),
	KindStreamlit:          setOf("USAGE"),
	KindWarehouse:          setOf("APPLYBUDGET", "MODIFY", "MONITOR", "OPERATE", "USAGE"),
	KindUser:               setOf("IMPERSONATE", "MODIFY PROGRAMMATIC AUTHENTICATION METHODS", "MONITOR"),
	KindApplicationPackage: packagePrivs,
}

// allFor is what ALL [PRIVILEGES] expands to on each kind: every valid
// privilege except the container-only and share-only ones (spec §5, the
// FROST live measurements).
var allFor = [numKinds]PrivSet{
	KindAccount: globalPrivs,
	KindDatabase: setOf("APPLYBUDGET", "CREATE DATABASE ROLE", "CREATE SCHEMA", "EXECUTE AUTO CLASSIFICATION",
		"MODIFY", "MONITOR", "USAGE"),
	KindSchema:             schemaAll,
	KindTable:              tablePrivs,
	KindView:               tablePrivs.With(mustPriv("VIEW EXPANDED QUERY PROFILE")),
	KindFunction:           setOf("USAGE", "MONITOR"),
	KindProcedure:          setOf("USAGE"),
	KindStage:              setOf("READ", "WRITE"),
	KindSequence:           setOf("USAGE"),
	KindStreamlit:          setOf("USAGE"),
	KindWarehouse:          setOf("APPLYBUDGET", "MODIFY", "MONITOR", "OPERATE", "USAGE"),
	KindUser:               setOf("IMPERSONATE", "MODIFY PROGRAMMATIC AUTHENTICATION METHODS", "MONITOR"),
	KindApplicationPackage: packagePrivs,
}

// ValidPrivileges returns the privileges grantable on kind k.
func ValidPrivileges(k Kind) PrivSet { return validFor[k] }

// AllPrivileges returns what ALL expands to on kind k.
func AllPrivileges(k Kind) PrivSet { return allFor[k] }

// accountadminOnly are the global privileges that "must be granted by the
// ACCOUNTADMIN role" (spec §1.3): MANAGE GRANTS alone does not cover them.
var accountadminOnly = setOf("CREATE DATABASE", "CREATE WAREHOUSE", "CREATE SHARE", "CREATE INTEGRATION",
	"CREATE ACCOUNT", "CREATE APPLICATION", "EXECUTE TASK", "MONITOR USAGE", "MONITOR EXECUTION",
	"IMPORT SHARE", "MANAGE WAREHOUSES", "READ SESSION")
