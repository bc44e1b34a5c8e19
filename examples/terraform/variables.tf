variable "prefix" {
  type = string
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "spokes" {
  type = map(string)
  default = {
    app = "10.10.0.0/16"
  }
}
