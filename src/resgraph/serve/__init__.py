"""Publishing a store over HTTP (`resgraph serve`): resgraph.serve.app."""
