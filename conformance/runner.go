package conformance

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/frostgate/frostgate/conformance/testfile"
	"github.com/frostgate/frostgate/sferr"
)

// Failure is a failing record, or a file that could not be run.
type Failure struct {
	Pos testfile.Pos // the record's first line; Line 0 for the file as a whole
	Msg string       // "expected ..., got ..." or the problem; one line
}

// String returns "file:line: message".
func (f Failure) String() string { return f.Pos.String() + ": " + f.Msg }

// Report is the outcome of a run. Passed and Failed count files.
type Report struct {
	Passed   int
	Failed   int
	Failures []Failure // at most one per file, in run order
}

// Summary returns the closing line, "N passed, N failed".
func (r *Report) Summary() string { return fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed) }

// OK reports whether nothing failed.
func (r *Report) OK() bool { return r.Failed == 0 }

// WriteTo writes one line per failure, then the summary.
func (r *Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	for _, f := range r.Failures {
		b.WriteString(f.String() + "\n")
	}
	b.WriteString(r.Summary() + "\n")
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Runner runs conformance files against a target. Set its fields before Run.
type Runner struct {
	// Target is what the files run against.
	Target Target
	// Out, if not nil, receives each failure line as soon as it is known,
	// for long runs; the Report holds them too.
	Out io.Writer
}

// Run runs the files found under paths against t; see Runner.Run.
func Run(ctx context.Context, t Target, paths ...string) (*Report, error) {
	r := &Runner{Target: t}
	return r.Run(ctx, paths...)
}

// Run runs every file that Files finds under paths, one after another, each
// on its own fresh account. It returns an error, with the report so far, only
// when paths cannot be read or ctx ends; failing files are in the Report.
func (r *Runner) Run(ctx context.Context, paths ...string) (*Report, error) {
	files, err := Files(paths...)
	if err != nil {
		return &Report{}, err
	}
	rep := &Report{}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		fail := r.runFile(ctx, path)
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if fail == nil {
			rep.Passed++
			continue
		}
		rep.Failed++
		rep.Failures = append(rep.Failures, *fail)
		if r.Out != nil {
			fmt.Fprintln(r.Out, fail.String())
		}
	}
	return rep, nil
}

// Files returns the conformance files named by paths, sorted and without
// duplicates: a path that is a file is taken as it is, a folder is searched
// recursively for *.test. A folder without any *.test is an error, so that a
// mistyped path cannot pass.
func Files(paths ...string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("no paths given")
	}
	seen := map[string]bool{}
	var files []string
	add := func(p string) {
		if p = filepath.Clean(p); !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".test") {
				add(path)
				found++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 {
			return nil, fmt.Errorf("no *.test files under %s", p)
		}
	}
	sort.Strings(files)
	return files, nil
}

// openSession is a session of a file with the login that opened it.
type openSession struct {
	sess      Session
	login     Login
	secondary string // ALL, NONE or empty
}

// fileRun is the state of one file's run.
type fileRun struct {
	target   Target
	acct     Account
	sessions map[string]*openSession
	current  *openSession
}

// runFile runs one file and returns its first failure, or nil.
func (r *Runner) runFile(ctx context.Context, path string) *Failure {
	filePos := testfile.Pos{File: path}
	f, err := testfile.ParseFile(path)
	if err != nil {
		var perr *testfile.Error
		if errors.As(err, &perr) {
			return &Failure{Pos: perr.Pos, Msg: perr.Msg}
		}
		return &Failure{Pos: filePos, Msg: err.Error()}
	}
	acct, err := r.Target.OpenAccount(ctx)
	if err != nil {
		return &Failure{Pos: filePos, Msg: "expected a fresh account, got " + describeErr(err)}
	}
	fr := &fileRun{target: r.Target, acct: acct, sessions: map[string]*openSession{}}
	fail := fr.run(ctx, f)
	if err := fr.close(); err != nil && fail == nil {
		fail = &Failure{Pos: filePos, Msg: "expected the account to close, got " + describeErr(err)}
	}
	return fail
}

func (fr *fileRun) run(ctx context.Context, f *testfile.File) *Failure {
	admin := fr.acct.Admin()
	s, err := fr.acct.Open(ctx, admin)
	if err != nil {
		return &Failure{Pos: testfile.Pos{File: f.Name}, Msg: fmt.Sprintf("expected login as %s for session admin to succeed, got %s", admin, describeErr(err))}
	}
	fr.current = &openSession{sess: s, login: admin}
	fr.sessions["admin"] = fr.current

	for _, rec := range f.Records {
		if !testfile.Applies(rec.Conditions(), fr.target.Name()) {
			continue
		}
		var msg string
		switch rec := rec.(type) {
		case *testfile.Session:
			msg = fr.session(ctx, rec)
		case *testfile.Statement:
			msg = fr.statement(ctx, rec)
		case *testfile.Query:
			msg = fr.query(ctx, rec)
		}
		if msg != "" {
			return &Failure{Pos: rec.Position(), Msg: msg}
		}
	}
	return nil
}

// close closes every session, in name order, then the account.
func (fr *fileRun) close() error {
	names := make([]string, 0, len(fr.sessions))
	for n := range fr.sessions {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs []error
	for _, n := range names {
		errs = append(errs, fr.sessions[n].sess.Close())
	}
	errs = append(errs, fr.acct.Close())
	return errors.Join(errs...)
}

// session runs a session record and returns a failure message or "".
func (fr *fileRun) session(ctx context.Context, rec *testfile.Session) string {
	user, hasUser := rec.Option("user")
	password, _ := rec.Option("password")
	role, _ := rec.Option("role")
	secondary, _ := rec.Option("secondary")
	login := Login{User: user, Password: password, Role: role}

	if rec.Error {
		s, err := fr.acct.Open(ctx, login)
		if err == nil {
			_ = s.Close()
			return fmt.Sprintf("expected login as %s to fail with %s, got success", login, expectedError(rec.Code, ""))
		}
		return checkError(err, rec.Code, "")
	}

	if open, ok := fr.sessions[rec.Name]; ok {
		if len(rec.Opts) > 0 && !sameOptions(open, login, rec) {
			return fmt.Sprintf("expected options matching those that opened session %s (%s), got %s (options apply only when a session is first opened)",
				rec.Name, describeOptions(open.login, open.secondary), describeOptions(login, secondary))
		}
		fr.current = open
		return ""
	}
	if !hasUser {
		return fmt.Sprintf("expected user= on the first use of session %s, got none", rec.Name)
	}
	s, err := fr.acct.Open(ctx, login)
	if err != nil {
		return fmt.Sprintf("expected login as %s to succeed, got %s", login, describeErr(err))
	}
	if secondary != "" {
		stmt := "USE SECONDARY ROLES " + secondary
		if _, err := s.Exec(ctx, stmt); err != nil {
			_ = s.Close()
			return fmt.Sprintf("expected %s to succeed, got %s", stmt, describeErr(err))
		}
	}
	fr.current = &openSession{sess: s, login: login, secondary: secondary}
	fr.sessions[rec.Name] = fr.current
	return ""
}

func sameOptions(open *openSession, login Login, rec *testfile.Session) bool {
	eq := func(key, was string, fold bool) bool {
		v, ok := rec.Option(key)
		if !ok {
			return true
		}
		if fold {
			return strings.EqualFold(v, was)
		}
		return v == was
	}
	return eq("user", open.login.User, true) && eq("password", open.login.Password, false) &&
		eq("role", open.login.Role, true) && eq("secondary", open.secondary, true)
}

func describeOptions(l Login, secondary string) string {
	s := "user=" + l.User
	if l.Role != "" {
		s += " role=" + l.Role
	}
	if secondary != "" {
		s += " secondary=" + secondary
	}
	return s
}

// statement runs a statement record and returns a failure message or "".
func (fr *fileRun) statement(ctx context.Context, rec *testfile.Statement) string {
	_, err := fr.current.sess.Exec(ctx, rec.SQL)
	switch {
	case !rec.Error && err != nil:
		return "expected success, got " + describeErr(err)
	case !rec.Error:
		return ""
	case err == nil:
		return "expected " + expectedError(rec.Code, rec.Text) + ", got success"
	}
	return checkError(err, rec.Code, rec.Text)
}

// query runs a query record and returns a failure message or "".
func (fr *fileRun) query(ctx context.Context, rec *testfile.Query) string {
	res, err := fr.current.sess.Exec(ctx, rec.SQL)
	if err != nil {
		return "expected rows, got " + describeErr(err)
	}
	idx := make([]int, len(res.Columns))
	for i := range idx {
		idx[i] = i
	}
	if rec.Columns != nil {
		idx = idx[:0]
		for _, want := range rec.Columns {
			i := slices.IndexFunc(res.Columns, func(c string) bool { return strings.EqualFold(c, want) })
			if i < 0 {
				return fmt.Sprintf("expected column %q, got columns [%s]", want, strings.Join(res.Columns, ", "))
			}
			idx = append(idx, i)
		}
	}
	got := make([]string, len(res.Rows))
	for r, row := range res.Rows {
		vals := make([]string, len(idx))
		for i, c := range idx {
			if c < len(row) {
				vals[i] = FormatValue(row[c])
			}
		}
		got[r] = strings.Join(vals, "\t")
	}
	want := make([]string, len(rec.Rows))
	for r, row := range rec.Rows {
		want[r] = strings.Join(row, "\t")
	}
	if rec.RowSort {
		sort.Strings(got)
		sort.Strings(want)
	}
	if slices.Equal(got, want) {
		return ""
	}
	first := 0
	for first < len(got) && first < len(want) && got[first] == want[first] {
		first++
	}
	return fmt.Sprintf("expected %s, got %s (first difference at row %d)", describeRows(want), describeRows(got), first+1)
}

func describeRows(rows []string) string {
	q := make([]string, len(rows))
	for i, r := range rows {
		q[i] = fmt.Sprintf("%q", r)
	}
	noun := "rows"
	if len(rows) == 1 {
		noun = "row"
	}
	return fmt.Sprintf("%d %s [%s]", len(rows), noun, strings.Join(q, ", "))
}

// expectedError describes an expected error: "error", "error 002003",
// `error 002003 containing "..."`.
func expectedError(code, text string) string {
	s := "error"
	if code != "" {
		s += " " + code
	}
	if text != "" {
		s += fmt.Sprintf(" containing %q", text)
	}
	return s
}

// describeErr renders an error on one line: "error 002003 (02000): ..." for
// a Snowflake error, "error: ..." for any other.
func describeErr(err error) string {
	if e := sferr.As(err); e != nil {
		return "error " + escaper.Replace(e.Error())
	}
	return "error: " + escaper.Replace(err.Error())
}

// checkError compares an error with an expected CODE and TEXT and returns a
// failure message or "". TEXT must occur in the message proper, read either
// as it is or with each newline as a space.
func checkError(err error, code, text string) string {
	e := sferr.As(err)
	if code != "" {
		if e == nil {
			return fmt.Sprintf("expected %s, got an error without a Snowflake number: %s", expectedError(code, text), escaper.Replace(err.Error()))
		}
		if e.Code() != code {
			return fmt.Sprintf("expected %s, got %s", expectedError(code, text), describeErr(err))
		}
	}
	if text != "" {
		msg := err.Error()
		if e != nil {
			msg = e.Message
		}
		if !strings.Contains(msg, text) && !strings.Contains(strings.ReplaceAll(msg, "\n", " "), text) {
			return fmt.Sprintf("expected %s, got %s", expectedError(code, text), describeErr(err))
		}
	}
	return ""
}
