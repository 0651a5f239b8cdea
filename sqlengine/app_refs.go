package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// The reference functions of an application (spec native-apps B.3, §9.4):
// SYSTEM$SET_REFERENCE, ADD_REFERENCE, REMOVE_REFERENCE,
// REMOVE_ALL_REFERENCES, GET_ALL_REFERENCES and
// GET_REFERENCED_OBJECT_ID_HASH. The account decides everything (binding.go);
// here the arguments are checked and passed on. They are answered by the
// constant evaluator, like SYSTEM$REFERENCE, and only in an application's
// context (its setup script, its procedures).

// appRefFuncs are the functions and their argument counts (min, max).
var appRefFuncs = map[string][2]int{
	"SYSTEM$SET_REFERENCE":                 {2, 2},
	"SYSTEM$ADD_REFERENCE":                 {2, 2},
	"SYSTEM$REMOVE_REFERENCE":              {1, 2},
	"SYSTEM$REMOVE_ALL_REFERENCES":         {1, 1},
	"SYSTEM$GET_ALL_REFERENCES":            {1, 2},
	"SYSTEM$GET_REFERENCED_OBJECT_ID_HASH": {1, 2},
}

// appRefFunc evaluates one of appRefFuncs; ok is false for other names.
func (s *Session) appRefFunc(name string, args []any) (v any, ok bool, err error) {
	n, ok := appRefFuncs[name]
	if !ok {
		return nil, false, nil
	}
	if len(args) < n[0] || len(args) > n[1] {
		return nil, true, sferr.InvalidArgument("wrong number of arguments for function [" + name + "]: expected " +
			strconv.Itoa(n[0]) + "-" + strconv.Itoa(n[1]) + ", got " + strconv.Itoa(len(args)))
	}
	strs := make([]string, len(args))
	for i, a := range args {
		if name == "SYSTEM$GET_ALL_REFERENCES" && i == 1 {
			continue
		}
		str, isStr := a.(string)
		if !isStr {
			return nil, true, sferr.InvalidArgument(name + "'s arguments are strings, got [" + valueText(a) + "]")
		}
		strs[i] = str
	}
	var out string
	switch name {
	case "SYSTEM$SET_REFERENCE":
		out, err = s.acct.SetReference(s.actor, strs[0], strs[1])
	case "SYSTEM$ADD_REFERENCE":
		out, err = s.acct.AddReference(s.actor, strs[0], strs[1])
	case "SYSTEM$REMOVE_REFERENCE":
		alias, has := optArg(strs)
		out, err = s.acct.RemoveReference(s.actor, strs[0], alias, has)
		if err == nil && out == "" {
			return nil, true, nil
		}
	case "SYSTEM$REMOVE_ALL_REFERENCES":
		out, err = s.acct.RemoveAllReferences(s.actor, strs[0])
	case "SYSTEM$GET_ALL_REFERENCES":
		details := false
		if len(args) == 2 {
			if details, ok = truth(args[1]); !ok {
				return nil, true, sferr.InvalidArgument("invalid value [" + valueText(args[1]) + "] for parameter 'include_details'")
			}
		}
		out, err = s.acct.GetAllReferences(s.actor, strs[0], details)
	case "SYSTEM$GET_REFERENCED_OBJECT_ID_HASH":
		alias, has := optArg(strs)
		out, err = s.acct.ReferencedObjectIDHash(s.actor, strs[0], alias, has)
	}
	if err != nil {
		return nil, true, toSF(err)
	}
	return out, true, nil
}

// optArg returns the optional second argument.
func optArg(strs []string) (string, bool) {
	if len(strs) < 2 {
		return "", false
	}
	return strs[1], true
}

// truth reads a BOOLEAN argument: TRUE/FALSE or a string spelling of one.
func truth(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToUpper(strings.TrimSpace(x)) {
		case "TRUE":
			return true, true
		case "FALSE":
			return false, true
		}
	}
	return false, false
}
