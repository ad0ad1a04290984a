# Source on the GPU machine from the folder that holds it (the carried .gpu/):
#   . .gpu/setup.sh
# Installs the carried ModelOpt wheels (and pulp without its bundled LP solvers, which quantization
# never calls) into /tmp/site, unpacks the carried Node 24 binary into /tmp/node/bin, and exports
# PYTHONPATH and PATH. Everything else (torch, transformers, accelerate, safetensors, tokenizers,
# scipy, …) is the machine's own.
gpu_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site "$gpu_dir"/wheels/*.whl || return 1
tar xzf "$gpu_dir"/pulp-*-no-solvers.tar.gz -C /tmp/site || return 1
export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
if [ ! -x /tmp/node/bin/node ]; then
  mkdir -p /tmp/node/bin
  python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2],"wb"))' \
    "$gpu_dir"/node-*-linux-x64.xz /tmp/node/bin/node && chmod +x /tmp/node/bin/node || return 1
fi
export PATH=/tmp/node/bin:$PATH
