config = {"name": "refpy"}
print(config["name"])
port = config["port"]
