package sqlengine

// ShowColumns is SHOW COLUMNS [LIKE 'p'] [IN {ACCOUNT | DATABASE [d] |
// SCHEMA [s] | TABLE t | VIEW v | t}].
type ShowColumns struct {
	Like     *string    // LIKE pattern; nil when absent
	In       ShowScope  // IN ACCOUNT, DATABASE or SCHEMA; ScopeNone otherwise
	Relation ObjectName // IN [TABLE | VIEW] name; nil when absent
	Kind     ObjectKind // KindTable or KindView when written before the name; 0 otherwise
}

var _ Statement = (*ShowColumns)(nil)

func (*ShowColumns) stmt() {}

// String implements Statement.
func (n *ShowColumns) String() string {
	s := &sqlWriter{}
	s.w("SHOW COLUMNS")
	if n.Like != nil {
		s.w("LIKE", quoteString(*n.Like))
	}
	switch {
	case n.Relation != nil && n.Kind != 0:
		s.w("IN", n.Kind.String(), n.Relation.sql())
	case n.Relation != nil:
		s.w("IN", n.Relation.sql())
	default:
		s.w(n.In.String())
	}
	return s.String()
}

func (p *parser) parseShowColumns() Statement {
	p.next()
	n := &ShowColumns{}
	if p.got(LIKE) {
		s := p.parseString()
		n.Like = &s
	}
	if !p.got(IN) {
		return n
	}
	switch {
	case p.got(ACCOUNT):
		n.In.Kind = ScopeAccount
	case p.tok == DATABASE || p.tok == SCHEMA:
		n.In.Kind, n.In.Name = ScopeDatabase, nil
		parts := 1
		if p.tok == SCHEMA {
			n.In.Kind, parts = ScopeSchema, 2
		}
		p.next()
		if isNameStart(p.cur()) {
			n.In.Name = p.parseName(parts)
		}
	case p.tok == TABLE || p.tok == VIEW:
		n.Kind = KindTable
		if p.tok == VIEW {
			n.Kind = KindView
		}
		p.next()
		n.Relation = p.parseName(3)
	default:
		n.Relation = p.parseName(3)
	}
	return n
}
