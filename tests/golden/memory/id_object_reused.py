print(id(object()) == id(object()))
