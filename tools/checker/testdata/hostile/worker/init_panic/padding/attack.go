package padding

func init() { panic("boom in init") }
