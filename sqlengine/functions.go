package sqlengine

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// Version is what CURRENT_VERSION() returns: a Snowflake-shaped release number.
const Version = "9.38.2"

// contextFunc evaluates Snowflake's context functions (spec §3.6). ok is
// false for a function Frostgate does not know.
func (s *Session) contextFunc(name string, args []any) (v any, ok bool, err error) {
	noArgs := func() error {
		if len(args) != 0 {
			return sferr.InvalidArgument("too many arguments for function [" + name + "] expected 0, got " + strconv.Itoa(len(args)))
		}
		return nil
	}
	nullIfEmpty := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	switch name {
	case "CURRENT_ROLE":
		return s.acct.CurrentRole(s.actor), true, noArgs()
	case "CURRENT_USER":
		return s.acct.CurrentUser(s.actor), true, noArgs()
	case "CURRENT_DATABASE":
		return nullIfEmpty(s.database), true, noArgs()
	case "CURRENT_SCHEMA":
		if s.database == "" {
			return nil, true, noArgs()
		}
		return nullIfEmpty(s.schema), true, noArgs()
	case "CURRENT_WAREHOUSE":
		return nullIfEmpty(s.warehouse), true, noArgs()
	case "CURRENT_ACCOUNT", "CURRENT_ACCOUNT_NAME":
		return s.acct.Name(), true, noArgs()
	case "CURRENT_ORGANIZATION_NAME":
		return "FROSTGATE_ORG", true, noArgs()
	case "CURRENT_REGION":
		return "AWS_US_WEST_2", true, noArgs()
	case "CURRENT_VERSION":
		return Version, true, noArgs()
	case "CURRENT_SESSION":
		return strconv.FormatInt(s.actor.SessionID(), 10), true, noArgs()
	case "CURRENT_SECONDARY_ROLES":
		roles, value := s.acct.SecondaryRoles(s.actor)
		b, _ := json.Marshal(struct {
			Roles string `json:"roles"`
			Value string `json:"value"`
		}{strings.Join(roles, ","), value})
		return string(b), true, noArgs()
	case "CURRENT_AVAILABLE_ROLES":
		b, _ := json.Marshal(s.acct.AvailableRoles(s.actor))
		return string(b), true, noArgs()
	case "CURRENT_SCHEMAS":
		if s.database == "" || s.schema == "" {
			return "[]", true, noArgs()
		}
		b, _ := json.Marshal([]string{s.database + "." + s.schema})
		return string(b), true, noArgs()
	case "SYSTEM$BOOTSTRAP_DATA_REQUEST":
		return s.bootstrapData(args)
	case "IS_ROLE_IN_SESSION":
		if len(args) != 1 {
			return nil, true, sferr.InvalidArgument("not enough arguments for function [IS_ROLE_IN_SESSION], expected 1, got " + strconv.Itoa(len(args)))
		}
		role, isStr := args[0].(string)
		if !isStr {
			if args[0] == nil {
				return nil, true, nil
			}
			return nil, true, sferr.InvalidArgument("invalid type for argument of IS_ROLE_IN_SESSION: a string is required")
		}
		return s.acct.IsRoleInSession(s.actor, role), true, nil
	}
	return nil, false, nil
}

// ServiceLevel is the edition SYSTEM$BOOTSTRAP_DATA_REQUEST reports:
// Enterprise, the lowest edition with every access-control feature Frostgate
// emulates (database roles, managed access, future grants).
const ServiceLevel = "ENTERPRISE"

// bootstrapData answers SYSTEM$BOOTSTRAP_DATA_REQUEST(['ACCOUNT']), which
// Snowsight-era tools and some drivers' helpers send at connect to learn the
// server version and edition. Snowflake's answer is a large JSON document;
// Frostgate returns only the fields such tools read (peers spec §7 item 5):
// serverVersion and accountInfo.{accountName, serviceLevelName}.
func (s *Session) bootstrapData(args []any) (any, bool, error) {
	if len(args) > 1 {
		return nil, true, sferr.InvalidArgument("too many arguments for function [SYSTEM$BOOTSTRAP_DATA_REQUEST] expected 1, got " + strconv.Itoa(len(args)))
	}
	if len(args) == 1 {
		if _, ok := args[0].(string); !ok {
			return nil, true, sferr.InvalidArgument("invalid type for argument of SYSTEM$BOOTSTRAP_DATA_REQUEST: a string is required")
		}
	}
	type accountInfo struct {
		AccountName      string `json:"accountName"`
		ServiceLevelName string `json:"serviceLevelName"`
	}
	b, _ := json.Marshal(struct {
		AccountInfo   accountInfo `json:"accountInfo"`
		ServerVersion string      `json:"serverVersion"`
	}{accountInfo{s.acct.Name(), ServiceLevel}, Version})
	return string(b), true, nil
}

// notConstant is eval's answer for a function it does not know: the
// statement is not a constant SELECT, and Execute runs it on the data plane
// instead (string and date functions and the like).
type notConstant struct{ fn string }

func (e *notConstant) Error() string { return "not a constant expression: function " + e.fn }

// constFuncs names every function eval answers itself (contextFunc and
// systemFunc); TestConstFuncsAreEvaluated keeps the list true.
var constFuncs = map[string]bool{
	"CURRENT_ROLE": true, "CURRENT_USER": true, "CURRENT_DATABASE": true, "CURRENT_SCHEMA": true,
	"CURRENT_WAREHOUSE": true, "CURRENT_ACCOUNT": true, "CURRENT_ACCOUNT_NAME": true,
	"CURRENT_ORGANIZATION_NAME": true, "CURRENT_REGION": true, "CURRENT_VERSION": true,
	"CURRENT_SESSION": true, "CURRENT_SECONDARY_ROLES": true, "CURRENT_AVAILABLE_ROLES": true,
	"CURRENT_SCHEMAS": true, "SYSTEM$BOOTSTRAP_DATA_REQUEST": true, "IS_ROLE_IN_SESSION": true,
	"SYSTEM$WAIT": true, ResetFunction: true, "SYSTEM$REFERENCE": true, "SYSTEM$QUERY_REFERENCE": true,
	"SYSTEM$SET_REFERENCE": true, "SYSTEM$ADD_REFERENCE": true, "SYSTEM$REMOVE_REFERENCE": true,
	"SYSTEM$REMOVE_ALL_REFERENCES": true, "SYSTEM$GET_ALL_REFERENCES": true,
	"SYSTEM$GET_REFERENCED_OBJECT_ID_HASH": true, ConfigurationFunction: true,
	"SYSTEM$LOG": true, "SYSTEM$LOG_TRACE": true, "SYSTEM$LOG_DEBUG": true, "SYSTEM$LOG_INFO": true,
	"SYSTEM$LOG_WARN": true, "SYSTEM$LOG_ERROR": true, "SYSTEM$LOG_FATAL": true,
}

// isConstant reports whether eval can answer e without the data plane.
func isConstant(e Expr) bool {
	switch x := e.(type) {
	case *FuncCall:
		if !constFuncs[x.Name.Last()] {
			return false
		}
		for _, a := range x.Args {
			if !isConstant(a) {
				return false
			}
		}
	case *ParenExpr:
		return isConstant(x.X)
	case *UnaryExpr:
		return isConstant(x.X)
	case *BinaryExpr:
		return isConstant(x.X) && isConstant(x.Y)
	case *IsNullExpr:
		return isConstant(x.X)
	case *CastExpr:
		return isConstant(x.X)
	case *CaseExpr:
		if x.Operand != nil && !isConstant(x.Operand) {
			return false
		}
		for _, w := range x.Whens {
			if !isConstant(w.Cond) || !isConstant(w.Result) {
				return false
			}
		}
		return x.Else == nil || isConstant(x.Else)
	case *ColumnRef:
		return false
	}
	return true
}
