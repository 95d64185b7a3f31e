MATRIX = {}


def url_arguments(people):
    return {}
