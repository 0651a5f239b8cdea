package sqlengine

import "strings"

// ColumnDef is one column of CREATE TABLE.
type ColumnDef struct {
	Name        string // the column, normalized
	Type        string // normalized type text: NUMBER(38,0), VARCHAR(10), DOUBLE PRECISION; "" when omitted (CREATE TABLE t (a, b) AS ...)
	Constraints string // the rest of the definition, normalized text: "NOT NULL DEFAULT 0"; "" when none
}

// String renders the column definition as SQL.
func (c ColumnDef) String() string {
	s := &sqlWriter{}
	return s.w(quoteName(c.Name), c.Type, c.Constraints).String()
}

// CreateTable is CREATE [OR REPLACE] [TRANSIENT|TEMPORARY] TABLE [IF NOT
// EXISTS] name followed by a column list, LIKE source, CLONE source or AS
// query, and options.
type CreateTable struct {
	OrReplace   bool        // OR REPLACE
	Transient   bool        // TRANSIENT
	Temporary   bool        // TEMP, TEMPORARY, LOCAL/GLOBAL TEMPORARY or VOLATILE (all one kind in Snowflake)
	IfNotExists bool        // IF NOT EXISTS
	Name        ObjectName  // the table
	Columns     []ColumnDef // the column list, in order; nil when none was written
	Constraints []string    // out-of-line constraints in the column list, normalized text ("PRIMARY KEY (A)")
	Like        ObjectName  // LIKE source; nil when absent
	Clone       ObjectName  // CLONE source; nil when absent
	ClusterBy   string      // CLUSTER BY (...) list, normalized text with its parentheses; "" when absent
	Props       Properties  // NAME = value options (COMMENT, DATA_RETENTION_TIME_IN_DAYS, CHANGE_TRACKING, ...)
	CopyGrants  bool        // COPY GRANTS
	AsQuery     string      // AS query: the query's source text as written; "" when absent
}

var _ Statement = (*CreateTable)(nil)

func (*CreateTable) stmt() {}

// String implements Statement.
func (n *CreateTable) String() string {
	s := createSQL(n.OrReplace, pick(n.Transient, "TRANSIENT"), pick(n.Temporary, "TEMPORARY"))
	s.w("TABLE", ifNotExistsSQL(n.IfNotExists), n.Name.sql())
	switch {
	case n.Like != nil:
		s.w("LIKE", n.Like.sql())
	case n.Clone != nil:
		s.w("CLONE", n.Clone.sql())
	}
	if n.Columns != nil || n.Constraints != nil {
		var parts []string
		for _, c := range n.Columns {
			parts = append(parts, c.String())
		}
		parts = append(parts, n.Constraints...)
		s.w("(" + strings.Join(parts, ", ") + ")")
	}
	if n.ClusterBy != "" {
		s.w("CLUSTER BY", n.ClusterBy)
	}
	s.w(n.Props.String()).flag(n.CopyGrants, "COPY GRANTS")
	if n.AsQuery != "" {
		s.w("AS", n.AsQuery)
	}
	return s.String()
}

func (p *parser) parseCreateTable(h createHeader) *CreateTable {
	n := &CreateTable{OrReplace: h.orReplace, Transient: h.transient, Temporary: h.temporary}
	n.IfNotExists = p.parseIfNotExists()
	n.Name = p.parseName(3)
	switch {
	case p.got(LIKE):
		n.Like = p.parseName(3)
	case p.got(CLONE):
		n.Clone = p.parseName(3)
	case p.tok == LPAREN:
		p.parseColumnList(n)
	}
	p.parseObjectClauses(true, &n.ClusterBy, &n.CopyGrants, &n.Props)
	if n.Like == nil && n.Clone == nil && p.tok == AS {
		p.next()
		n.AsQuery = p.parseQueryText()
	}
	if n.Like == nil && n.Clone == nil && n.Columns == nil && n.AsQuery == "" {
		p.errorUnexpected()
	}
	return n
}

// parseColumnList reads ( coldef | constraint, ... ).
func (p *parser) parseColumnList(n *CreateTable) {
	p.expect(LPAREN)
	n.Columns = []ColumnDef{}
	for {
		if p.atOutOfLineConstraint() {
			from := p.collectUntil()
			n.Constraints = append(n.Constraints, p.normText(from, p.i))
		} else {
			c := ColumnDef{Name: p.parseIdent()}
			if p.tok != COMMA && p.tok != RPAREN {
				if isWord(p.cur()) && !columnConstraintStarts[strings.ToUpper(p.lit)] {
					c.Type = p.parseType()
				}
				from := p.collectUntil()
				c.Constraints = p.normText(from, p.i)
			}
			n.Columns = append(n.Columns, c)
		}
		if !p.got(COMMA) {
			break
		}
	}
	p.expect(RPAREN)
}

func (p *parser) atOutOfLineConstraint() bool {
	switch {
	case p.tok == CONSTRAINT, p.tok == UNIQUE:
		return true
	case (p.tok == PRIMARY || p.tok == FOREIGN) && p.peek(1).tok == KEY:
		return true
	}
	return false
}

// parseQueryText consumes a query (SELECT, WITH or a parenthesised query)
// up to the end of the statement and returns its source text.
func (p *parser) parseQueryText() string {
	if p.tok != SELECT && p.tok != WITH && p.tok != LPAREN {
		p.errorUnexpected()
	}
	from := p.skipToEnd()
	return p.rawText(from, p.i)
}

// ViewColumn is one entry of a view's column list.
type ViewColumn struct {
	Name    string  // the column, normalized
	Comment *string // COMMENT 'c'; nil when absent
}

// CreateView is CREATE [OR REPLACE] [SECURE] [TEMPORARY] [MATERIALIZED] VIEW
// [IF NOT EXISTS] name [(col [COMMENT 'c'], ...)] [options] AS query.
type CreateView struct {
	OrReplace    bool         // OR REPLACE
	Secure       bool         // SECURE
	Temporary    bool         // TEMP, TEMPORARY, LOCAL/GLOBAL TEMPORARY or VOLATILE
	Materialized bool         // MATERIALIZED
	IfNotExists  bool         // IF NOT EXISTS
	Name         ObjectName   // the view
	Columns      []ViewColumn // the column list; nil when none was written
	Props        Properties   // NAME = value options (COMMENT, CHANGE_TRACKING, ...)
	CopyGrants   bool         // COPY GRANTS
	ClusterBy    string       // CLUSTER BY (...) of a materialized view, normalized text; "" when absent
	Query        string       // the query's source text as written
}

var _ Statement = (*CreateView)(nil)

func (*CreateView) stmt() {}

// String implements Statement.
func (n *CreateView) String() string {
	s := createSQL(n.OrReplace, pick(n.Secure, "SECURE"), pick(n.Temporary, "TEMPORARY"), pick(n.Materialized, "MATERIALIZED"))
	s.w("VIEW", ifNotExistsSQL(n.IfNotExists), n.Name.sql())
	if n.Columns != nil {
		parts := make([]string, len(n.Columns))
		for i, c := range n.Columns {
			parts[i] = quoteName(c.Name)
			if c.Comment != nil {
				parts[i] += " COMMENT " + quoteString(*c.Comment)
			}
		}
		s.w("(" + strings.Join(parts, ", ") + ")")
	}
	if n.ClusterBy != "" {
		s.w("CLUSTER BY", n.ClusterBy)
	}
	return s.w(n.Props.String()).flag(n.CopyGrants, "COPY GRANTS").w("AS", n.Query).String()
}

func (p *parser) parseCreateView(h createHeader) *CreateView {
	n := &CreateView{OrReplace: h.orReplace, Secure: h.secure, Temporary: h.temporary, Materialized: h.materialized}
	n.IfNotExists = p.parseIfNotExists()
	n.Name = p.parseName(3)
	if p.got(LPAREN) {
		n.Columns = []ViewColumn{}
		for {
			c := ViewColumn{Name: p.parseIdent()}
			if p.tok == COMMENT && p.peek(1).tok == STRING {
				p.next()
				s := p.parseString()
				c.Comment = &s
			}
			n.Columns = append(n.Columns, c)
			if !p.got(COMMA) {
				break
			}
		}
		p.expect(RPAREN)
	}
	p.parseObjectClauses(n.Materialized, &n.ClusterBy, &n.CopyGrants, &n.Props)
	p.expect(AS)
	n.Query = p.parseQueryText()
	return n
}

// parseObjectClauses reads the clauses a table or view may carry after its
// columns, in any order: CLUSTER BY (...) (when clusterOK), COPY GRANTS,
// and NAME = value properties.
func (p *parser) parseObjectClauses(clusterOK bool, clusterBy *string, copyGrants *bool, props *Properties) {
	for {
		switch {
		case clusterOK && p.tok == CLUSTER && p.peek(1).tok == BY && *clusterBy == "":
			p.next()
			p.next()
			if p.tok != LPAREN {
				p.errorUnexpected()
			}
			from := p.i
			p.skipGroup()
			*clusterBy = p.normText(from, p.i)
		case p.tok == COPY && p.peek(1).tok == GRANTS && !*copyGrants:
			p.next()
			p.next()
			*copyGrants = true
		case p.atProperty():
			*props = append(*props, p.parseProperties()...)
		default:
			return
		}
	}
}
