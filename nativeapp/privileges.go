package nativeapp

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// Privilege is one entry of the manifest's `privileges:` list: an account
// privilege the application asks for ("Configure the privileges required by
// an app"). With manifest_version 2 the ones Snowflake grants automatically
// are granted at install and upgrade (account decides which).
type Privilege struct {
	Name            string // upper case, single spaces: CREATE WAREHOUSE
	Description     string
	RequiredAtSetup bool
	Line            int
}

// parsePrivileges reads `privileges:`: a list of one-key mappings, the
// privilege's name to {description, required_at_setup}. Unknown fields and
// a privilege listed twice are errors (Frostgate's choice, as for
// references).
func parsePrivileges(list *yaml.Node, fail func(*yaml.Node, string, ...any) error) ([]Privilege, error) {
	if list.Kind != yaml.SequenceNode {
		return nil, fail(list, "privileges must be a list")
	}
	var out []Privilege
	seen := map[string]int{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode || len(item.Content) != 2 {
			return nil, fail(item, "each privilege is a name with its description (- CREATE WAREHOUSE: {description: ...})")
		}
		key, def := item.Content[0], item.Content[1]
		p := Privilege{Name: strings.Join(strings.Fields(strings.ToUpper(key.Value)), " "), Line: key.Line}
		if p.Name == "" {
			return nil, fail(key, "a privilege needs a name")
		}
		if line, dup := seen[p.Name]; dup {
			return nil, fail(key, "privilege %s is listed twice (first on line %d)", p.Name, line)
		}
		seen[p.Name] = p.Line
		if def.Kind == yaml.MappingNode {
			for i := 0; i < len(def.Content); i += 2 {
				k, v := def.Content[i], def.Content[i+1]
				switch k.Value {
				case "description":
					p.Description = v.Value
				case "required_at_setup":
					if err := v.Decode(&p.RequiredAtSetup); err != nil {
						return nil, fail(v, "privilege %s: required_at_setup must be true or false, got %q", p.Name, v.Value)
					}
				default:
					return nil, fail(k, "privilege %s: unknown field %q", p.Name, k.Value)
				}
			}
		} else if def.Kind != yaml.ScalarNode || def.Value != "" && def.Tag != "!!null" {
			return nil, fail(def, "privilege %s: its definition must be a mapping", p.Name)
		}
		out = append(out, p)
	}
	return out, nil
}
