#!/usr/bin/python3
"""Writes src/main/resources/dev/fontgan/gan/input-gradient.pt: torch.autograd.grad as a TorchScript
function, the one autograd call DJL does not expose. Run with Debian's python3-torch:
    /usr/bin/python3 tools/make-input-gradient.py
The file holds only this function's source (no weights); libtorch compiles it when it loads."""
import os
import torch


class InputGradient(torch.nn.Module):
    def forward(self, output: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        # d(sum output)/dx with a graph, without writing x.grad (a grad that holds a graph
        # which holds x is a reference cycle that libtorch never frees)
        g = torch.autograd.grad([output.sum()], [x], create_graph=True)[0]
        assert g is not None
        return g


here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "src", "main", "resources", "dev", "fontgan", "gan", "input-gradient.pt")
torch.jit.script(InputGradient()).save(out)
print("wrote", os.path.normpath(out), os.path.getsize(out), "bytes")
