package account

// Temporary stubs; replaced by the real model.

type Config struct {
	Name          string
	AdminPassword string
}

type Account struct{}

type Actor struct{}

func New(cfg Config) *Account { return &Account{} }

func (a *Account) Login(user, password, role string) (*Actor, error) { return &Actor{}, nil }
