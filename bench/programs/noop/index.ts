import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const count = config.requireNumber("count");

// The engine's floor: a dynamic provider that answers at once.
const noop: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: `noop-${Math.random().toString(36).slice(2)}`, outs: {} };
  },
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string) {
    super(noop, name, {}, {}, "bench", "Noop");
  }
}

for (let i = 0; i < count; i++) {
  new Noop(`n${i}`);
}
