package sqlengine

import "strings"

// CreateStage is CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name
// [props]. URL, STORAGE_INTEGRATION, FILE_FORMAT = (...), COMMENT and the
// rest are all in Props.
type CreateStage struct {
	OrReplace   bool       // OR REPLACE
	Temporary   bool       // TEMPORARY
	IfNotExists bool       // IF NOT EXISTS
	Name        ObjectName // the stage
	Props       Properties // NAME = value options; nested lists such as FILE_FORMAT = (TYPE = CSV) are ValueProps
}

var _ Statement = (*CreateStage)(nil)

func (*CreateStage) stmt() {}

// String implements Statement.
func (n *CreateStage) String() string {
	s := createSQL(n.OrReplace, pick(n.Temporary, "TEMPORARY"))
	return s.w("STAGE", ifNotExistsSQL(n.IfNotExists), n.Name.sql(), n.Props.String()).String()
}

// CreateSequence is CREATE [OR REPLACE] SEQUENCE [IF NOT EXISTS] name [WITH]
// [START [WITH] [=] n] [INCREMENT [BY] [=] n] [ORDER|NOORDER] [COMMENT = 'c'].
type CreateSequence struct {
	OrReplace   bool       // OR REPLACE
	IfNotExists bool       // IF NOT EXISTS
	Name        ObjectName // the sequence
	Start       string     // START value as written ("-5"); "" when absent
	Increment   string     // INCREMENT value as written; "" when absent
	Order       string     // "ORDER", "NOORDER" or ""
	Comment     *string    // COMMENT = 'c'; nil when absent
}

var _ Statement = (*CreateSequence)(nil)

func (*CreateSequence) stmt() {}

// String implements Statement.
func (n *CreateSequence) String() string {
	s := createSQL(n.OrReplace)
	s.w("SEQUENCE", ifNotExistsSQL(n.IfNotExists), n.Name.sql())
	if n.Start != "" {
		s.w("START =", n.Start)
	}
	if n.Increment != "" {
		s.w("INCREMENT =", n.Increment)
	}
	return s.w(n.Order, commentSQL(n.Comment)).String()
}

func (p *parser) parseCreateSequence(h createHeader) *CreateSequence {
	n := &CreateSequence{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
	n.Name = p.parseName(3)
	if p.tok == WITH && p.peek(1).tok == START {
		p.next()
	}
	for {
		switch {
		case p.tok == START && n.Start == "":
			p.next()
			p.got(WITH)
			p.got(EQ)
			n.Start = p.parseSignedNumber()
		case p.tok == INCREMENT && n.Increment == "":
			p.next()
			p.got(BY)
			p.got(EQ)
			n.Increment = p.parseSignedNumber()
		case (p.tok == ORDER || p.tok == NOORDER) && n.Order == "":
			n.Order = p.word()
		case p.tok == COMMENT && n.Comment == nil && p.peek(1).tok == EQ:
			n.Comment = p.parseCommentOpt()
		default:
			return n
		}
	}
}

// RoutineArg is one argument of a function or procedure.
type RoutineArg struct {
	Name    string // the argument, normalized
	Type    string // normalized type text
	Default string // DEFAULT expression, normalized text; "" when absent
}

// Routine is what CREATE FUNCTION and CREATE PROCEDURE share.
type Routine struct {
	OrReplace   bool         // OR REPLACE
	Secure      bool         // SECURE
	Temporary   bool         // TEMPORARY
	IfNotExists bool         // IF NOT EXISTS
	Name        ObjectName   // the function or procedure
	Args        []RoutineArg // the arguments, in order
	Returns     string       // RETURNS type, normalized ("NUMBER(38,0)", "TABLE(A NUMBER)")
	Language    string       // LANGUAGE, upper case ("SQL", "JAVASCRIPT", "PYTHON"); "" when absent
	ExecuteAs   string       // procedures: EXECUTE AS OWNER, CALLER or RESTRICTED CALLER; "" when absent
	Options     []string     // bare clauses in order: "NOT NULL", "NULL", "STRICT", "CALLED ON NULL INPUT", "RETURNS NULL ON NULL INPUT", "VOLATILE", "IMMUTABLE", "MEMOIZABLE", "COPY GRANTS"
	Props       Properties   // NAME = value clauses: RUNTIME_VERSION, HANDLER, PACKAGES, IMPORTS, COMMENT, ...
	Body        *string      // AS 'body' or $$body$$, the body's text; nil when absent (staged handler code)
}

// parseRawListProperty reads NAME = ( ... ) keeping the list's text as a
// string: EXTERNAL_ACCESS_INTEGRATIONS and SECRETS, whose entries may be
// reference('name') calls in an application. Frostgate refuses both when
// the routine is created (execCreateRoutine).
func (p *parser) parseRawListProperty() Property {
	name := p.word()
	p.expect(EQ)
	open := p.expect(LPAREN)
	for p.tok != RPAREN {
		p.collectUntil()
		if !p.got(COMMA) && p.tok != RPAREN {
			p.errorUnexpected()
		}
	}
	text := strings.TrimSpace(p.src[open.end():p.cur().pos])
	p.expect(RPAREN)
	return Property{Name: name, Value: Value{Kind: ValueString, Str: text}}
}

// ArgTypes returns the argument types, the signature GRANT and DROP name.
func (r *Routine) ArgTypes() []string {
	ts := make([]string, len(r.Args))
	for i, a := range r.Args {
		ts[i] = a.Type
	}
	return ts
}

func (r *Routine) sql(what string) string {
	s := createSQL(r.OrReplace, pick(r.Secure, "SECURE"), pick(r.Temporary, "TEMPORARY"))
	s.w(what, ifNotExistsSQL(r.IfNotExists), r.Name.sql())
	args := make([]string, len(r.Args))
	for i, a := range r.Args {
		w := &sqlWriter{}
		w.w(quoteName(a.Name), a.Type)
		if a.Default != "" {
			w.w("DEFAULT", a.Default)
		}
		args[i] = w.String()
	}
	s.raw("(" + strings.Join(args, ", ") + ")")
	s.w("RETURNS", r.Returns)
	if r.Language != "" {
		s.w("LANGUAGE", r.Language)
	}
	s.w(r.Options...)
	s.w(r.Props.String())
	if r.ExecuteAs != "" {
		s.w("EXECUTE AS", r.ExecuteAs)
	}
	if r.Body != nil {
		s.w("AS", bodySQL(*r.Body))
	}
	return s.String()
}

// bodySQL renders a routine body, as $$...$$ when that reads back intact.
func bodySQL(body string) string {
	if !strings.Contains(body, "$$") && !strings.HasSuffix(body, "$") {
		return "$$" + body + "$$"
	}
	return quoteString(body)
}

// CreateFunction is CREATE [OR REPLACE] [SECURE] [TEMPORARY] FUNCTION [IF NOT
// EXISTS] name (arg type, ...) RETURNS type [clauses] [AS body].
type CreateFunction struct{ Routine }

var _ Statement = (*CreateFunction)(nil)

func (*CreateFunction) stmt() {}

// String implements Statement.
func (n *CreateFunction) String() string { return n.sql("FUNCTION") }

// CreateProcedure is CREATE [OR REPLACE] [SECURE] [TEMPORARY] PROCEDURE [IF
// NOT EXISTS] name (arg type, ...) RETURNS type [clauses] [EXECUTE AS
// OWNER|CALLER] [AS body].
type CreateProcedure struct{ Routine }

var _ Statement = (*CreateProcedure)(nil)

func (*CreateProcedure) stmt() {}

// String implements Statement.
func (n *CreateProcedure) String() string { return n.sql("PROCEDURE") }

// routineOptions are the bare clauses of CREATE FUNCTION/PROCEDURE.
var routineOptions = phraseSet("NOT NULL", "NULL", "STRICT", "CALLED ON NULL INPUT",
	"RETURNS NULL ON NULL INPUT", "VOLATILE", "IMMUTABLE", "MEMOIZABLE", "COPY GRANTS")

func (p *parser) parseRoutine(h createHeader, procedure bool) Routine {
	r := Routine{OrReplace: h.orReplace, Secure: h.secure, Temporary: h.temporary}
	r.IfNotExists = p.parseIfNotExists()
	r.Name = p.parseName(3)
	p.expect(LPAREN)
	r.Args = []RoutineArg{}
	if p.tok != RPAREN {
		for {
			a := RoutineArg{Name: p.parseIdent(), Type: p.parseType()}
			if isWordText(p.cur(), "DEFAULT") {
				p.next()
				from := p.collectUntil()
				if from == p.i {
					p.errorUnexpected()
				}
				a.Default = p.normText(from, p.i)
			}
			r.Args = append(r.Args, a)
			if !p.got(COMMA) {
				break
			}
		}
	}
	p.expect(RPAREN)
	for !p.atEnd() && p.tok != AS {
		if words := p.matchPhrase(routineOptions, 5, false); words != nil {
			r.Options = append(r.Options, p.consumePhrase(words))
			continue
		}
		switch {
		case p.tok == RETURNS && r.Returns == "":
			p.next()
			r.Returns = p.parseType()
		case p.tok == LANGUAGE && r.Language == "":
			p.next()
			r.Language = p.word()
		case procedure && p.tok == EXECUTE && p.peek(1).tok == AS && r.ExecuteAs == "":
			p.next()
			p.next()
			switch {
			case p.tok == OWNER, p.tok == CALLER:
				r.ExecuteAs = p.word()
			case p.tok == RESTRICTED && p.peek(1).tok == CALLER:
				p.next()
				p.next()
				r.ExecuteAs = "RESTRICTED CALLER"
			default:
				p.errorUnexpected()
			}
		case p.atProperty() && (isWordText(p.cur(), "EXTERNAL_ACCESS_INTEGRATIONS") || isWordText(p.cur(), "SECRETS")) &&
			p.peek(2).tok == LPAREN:
			r.Props = append(r.Props, p.parseRawListProperty())
		case p.atProperty():
			r.Props = append(r.Props, p.parseProperty())
		default:
			p.errorUnexpected()
		}
	}
	if r.Returns == "" {
		p.errorUnexpected()
	}
	if p.got(AS) {
		body := p.parseString()
		r.Body = &body
	}
	return r
}
