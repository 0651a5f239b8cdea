package sqlengine

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/frostgate/frostgate/sferr"
)

// systemFunc evaluates the SYSTEM$ functions that act on the session or the
// emulator rather than on the account's objects. ok is false for any other
// function.
func (s *Session) systemFunc(name string, args []any) (v any, ok bool, err error) {
	switch name {
	case "SYSTEM$WAIT":
		v, err := s.wait(args)
		return v, true, err
	case "SYSTEM$REFERENCE":
		v, err := s.referenceFunc(args)
		return v, true, err
	case "SYSTEM$QUERY_REFERENCE":
		v, err := s.queryReferenceFunc(args)
		return v, true, err
	case ResetFunction:
		v, err := s.reset(args)
		return v, true, err
	case ConfigurationFunction:
		v, err := s.referenceConfigurationFunc(args)
		return v, true, err
	}
	if isLogFunc(name) {
		return nil, true, logFunc(name, args)
	}
	return s.appRefFunc(name, args)
}

// waitUnits are SYSTEM$WAIT's time units
// (https://docs.snowflake.com/en/sql-reference/functions/system_wait).
var waitUnits = map[string]time.Duration{
	"DAYS": 24 * time.Hour, "HOURS": time.Hour, "MINUTES": time.Minute, "SECONDS": time.Second,
	"MILLISECONDS": time.Millisecond, "MICROSECONDS": time.Microsecond, "NANOSECONDS": time.Nanosecond,
}

// wait is SYSTEM$WAIT(amount [, unit]): it blocks until the time has passed
// or the statement's context ends, which is how a client's cancel (a
// PostgreSQL CancelRequest, Snowflake's abort-request) stops a statement.
func (s *Session) wait(args []any) (any, error) {
	if len(args) < 1 || len(args) > 2 {
		return nil, sferr.InvalidArgument("SYSTEM$WAIT takes an amount and an optional time unit, got " + strconv.Itoa(len(args)) + " arguments")
	}
	amount, ok := toFloat(args[0])
	if !ok || amount < 0 {
		return nil, sferr.InvalidArgument("invalid value [" + valueText(args[0]) + "] for parameter 'time'")
	}
	unit := "SECONDS"
	if len(args) == 2 {
		u, isStr := args[1].(string)
		if !isStr || waitUnits[strings.ToUpper(u)] == 0 {
			return nil, sferr.InvalidArgument("invalid value [" + valueText(args[1]) + "] for parameter 'time_unit'")
		}
		unit = strings.ToUpper(u)
	}
	ctx := s.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	t := time.NewTimer(time.Duration(amount * float64(waitUnits[unit])))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		return nil, sferr.QueryCanceled()
	}
	return "waited " + valueText(args[0]) + " " + strings.ToLower(unit), nil
}

// ResetFunction is the Frostgate function that replaces the account with a
// fresh one, for runs of the conformance suite over a network protocol:
// SELECT SYSTEM$FROSTGATE_RESET(). Only a session whose primary role is
// ACCOUNTADMIN may call it, and only on an engine given a reset hook
// (SetResetHook); sessions opened before it keep the old account.
const ResetFunction = "SYSTEM$FROSTGATE_RESET"

// ResetDone is the value SYSTEM$FROSTGATE_RESET() returns.
const ResetDone = "Account reset."

func (s *Session) reset(args []any) (any, error) {
	if len(args) != 0 {
		return nil, sferr.InvalidArgument("too many arguments for function [" + ResetFunction + "] expected 0, got " + strconv.Itoa(len(args)))
	}
	if s.eng.resetHook == nil {
		return nil, sferr.Unsupported(ResetFunction + " outside a Frostgate server")
	}
	if s.acct.CurrentRole(s.actor) != "ACCOUNTADMIN" {
		return nil, sferr.InsufficientPrivileges("account", s.acct.Name())
	}
	if err := s.eng.resetHook(); err != nil {
		return nil, sferr.Internal("reset: " + err.Error())
	}
	return ResetDone, nil
}
