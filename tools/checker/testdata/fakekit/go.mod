module github.com/convlings/convlings

go 1.26.0
