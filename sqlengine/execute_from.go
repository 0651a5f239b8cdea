package sqlengine

import (
	"strconv"
	"strings"

	"github.com/frostgate/frostgate/nativeapp"
	"github.com/frostgate/frostgate/sferr"
)

// ExecuteImmediateFrom is EXECUTE IMMEDIATE FROM 'path': the statements of
// another file of the application's version, run where the statement
// stands. Only a setup script (and the files it includes) may hold it
// (docs/compatibility.md G.5); elsewhere, where the path would name a
// stage, it is 000002.
type ExecuteImmediateFrom struct {
	Path string
}

var _ Statement = (*ExecuteImmediateFrom)(nil)

func (*ExecuteImmediateFrom) stmt() {}

// String implements Statement.
func (n *ExecuteImmediateFrom) String() string {
	return "EXECUTE IMMEDIATE FROM " + quoteString(n.Path)
}

// maxIncludeDepth bounds how deep EXECUTE IMMEDIATE FROM files nest (a
// file that includes itself ends there). Frostgate's number.
const maxIncludeDepth = 16

// setupFailure is a setup script statement that failed: where (the file,
// its line, the message) and the error's number and SQLSTATE.
type setupFailure struct {
	where *nativeapp.Error
	cause *sferr.Error
}

// walkSetupFile passes each statement of a setup script file (rel, a
// slash path inside the folder; "" for the setup script) to do, following
// EXECUTE IMMEDIATE FROM into the file it names, read through
// folder.Include. The first failure stops the walk: a statement that does
// not parse, a file that cannot be included, or do's error, each named by
// the file and line of the statement in the innermost file.
func walkSetupFile(folder *nativeapp.Folder, rel, text string, depth int, do func(Statement, *parser, string) error) *setupFailure {
	file := folder.Path(rel)
	fail := func(st setupStatement, err error) *setupFailure {
		se := sferr.As(toSF(err))
		if se == nil {
			se = sferr.ExecutionError(err.Error())
		}
		return &setupFailure{where: scriptError(file, st, se), cause: se}
	}
	for _, st := range splitSetupScript(text) {
		stmt, sp, err := parse(st.text)
		if err != nil {
			return fail(st, err)
		}
		inc, ok := stmt.(*ExecuteImmediateFrom)
		if !ok {
			if err := do(stmt, sp, st.text); err != nil {
				return fail(st, err)
			}
			continue
		}
		switch {
		case strings.HasPrefix(inc.Path, "@"):
			return fail(st, sferr.Unsupported("EXECUTE IMMEDIATE FROM a stage"))
		case depth >= maxIncludeDepth:
			return fail(st, sferr.ExecutionError("EXECUTE IMMEDIATE FROM files nested more than "+strconv.Itoa(maxIncludeDepth)+" deep."))
		}
		irel, itext, err := folder.Include(rel, inc.Path)
		if err != nil {
			return fail(st, sferr.ExecutionError(strings.TrimPrefix(err.Error(), ": ")))
		}
		if f := walkSetupFile(folder, irel, itext, depth+1, do); f != nil {
			return f
		}
	}
	return nil
}
