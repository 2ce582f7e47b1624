"""MixNMatch (Yuheng-Li/MixNMatch, code/model_eval.py G_NET) -> studio bundle."""
