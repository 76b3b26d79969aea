value = 424242.5
pair = (434343.5, 444444.5)
def get():
    return 454545.5
