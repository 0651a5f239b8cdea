package sqlengine

import (
	"github.com/frostgate/frostgate/emulator/account"
)

// CreateStreamlit is CREATE [OR REPLACE] STREAMLIT [IF NOT EXISTS] name
// [FROM 'location'] [props]: MAIN_FILE, QUERY_WAREHOUSE, TITLE, COMMENT,
// ROOT_LOCATION (the older form of FROM), IMPORTS and the rest are in
// Props. Frostgate keeps the object (grants, SHOW) and runs nothing: the
// location is not read (docs/compatibility.md A.7).
type CreateStreamlit struct {
	OrReplace   bool       // OR REPLACE
	IfNotExists bool       // IF NOT EXISTS
	Name        ObjectName // the streamlit
	From        *string    // FROM 'location'; nil when absent
	Props       Properties // NAME = value options
}

var _ Statement = (*CreateStreamlit)(nil)

func (*CreateStreamlit) stmt() {}

// String implements Statement.
func (n *CreateStreamlit) String() string {
	s := createSQL(n.OrReplace)
	s.w("STREAMLIT", ifNotExistsSQL(n.IfNotExists), n.Name.sql())
	if n.From != nil {
		s.w("FROM", quoteString(*n.From))
	}
	return s.w(n.Props.String()).String()
}

// parseCreateStreamlit reads what follows CREATE [OR REPLACE] STREAMLIT.
func (p *parser) parseCreateStreamlit(h createHeader) *CreateStreamlit {
	n := &CreateStreamlit{OrReplace: h.orReplace, IfNotExists: p.parseIfNotExists()}
	n.Name = p.parseName(3)
	if p.got(FROM) {
		from := p.parseString()
		n.From = &from
	}
	n.Props = p.parseProperties()
	return n
}

// execCreateStreamlit creates the streamlit object; FROM is kept as the
// ROOT_LOCATION property.
func (s *Session) execCreateStreamlit(n *CreateStreamlit) (*Result, error) {
	ref, err := s.ref(account.KindStreamlit, n.Name, nil)
	if err != nil {
		return nil, err
	}
	comment, props := splitProps(n.Props)
	if n.From != nil {
		props["ROOT_LOCATION"] = *n.From
	}
	_, res, err := s.create(account.CreateSpec{Ref: ref, OrReplace: n.OrReplace, IfNotExists: n.IfNotExists,
		Comment: comment, Props: props})
	return res, err
}

// streamlitsCols is SHOW STREAMLITS' layout (Snowflake's columns; url_id is
// empty, as Frostgate serves no Streamlit app).
var streamlitsCols = textCols("created_on", "name", "database_name", "schema_name", "title", "owner", "comment",
	"query_warehouse", "url_id", "owner_role_type")

func streamlitRows(rows []account.ObjectRow) [][]any {
	out := make([][]any, 0, len(rows))
	for _, r := range rows {
		out = append(out, []any{r.Created, r.Name, r.Database, r.Schema, nullIfEmpty(r.Props["TITLE"]), r.Owner,
			r.Comment, nullIfEmpty(r.Props["QUERY_WAREHOUSE"]), "", r.OwnerRoleType})
	}
	return out
}
