prefix = "shop"
spokes = {
  app   = "10.10.0.0/16"
  batch = "10.20.0.0/16"
}
