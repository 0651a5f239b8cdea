module github.com/frostgate/frostgate

go 1.26
