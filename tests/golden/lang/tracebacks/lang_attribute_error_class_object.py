class Config:
    debug = False

print(Config.verbose)
