package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/sferr"
)

// logLevels are the levels SYSTEM$LOG accepts, and the suffixes of the
// SYSTEM$LOG_<level> functions.
var logLevels = map[string]bool{"TRACE": true, "DEBUG": true, "INFO": true, "WARN": true, "WARNING": true,
	"ERROR": true, "FATAL": true}

// isLogFunc says whether name (any case) is SYSTEM$LOG or SYSTEM$LOG_<level>.
func isLogFunc(name string) bool {
	n := strings.ToUpper(name)
	if n == "SYSTEM$LOG" {
		return true
	}
	level, ok := strings.CutPrefix(n, "SYSTEM$LOG_")
	return ok && level != "WARNING" && logLevels[level]
}

// logFunc checks a call of SYSTEM$LOG('level', message) or
// SYSTEM$LOG_<level>(message) and drops the message: Frostgate has no
// event table (docs/compatibility.md G.3). The value is NULL.
func logFunc(name string, args []any) error {
	want := 1
	if name == "SYSTEM$LOG" {
		want = 2
	}
	if len(args) != want {
		return sferr.InvalidArgument(name + " takes " + strconv.Itoa(want) + " arguments, got " + strconv.Itoa(len(args)))
	}
	if want == 2 {
		level, ok := args[0].(string)
		if !ok || !logLevels[strings.ToUpper(level)] {
			return sferr.InvalidArgument("SYSTEM$LOG's level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got [" + valueText(args[0]) + "]")
		}
	}
	return nil
}
