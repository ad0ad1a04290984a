import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  endGroup,
  info,
  startGroup,
  warning
} from "./chunk-L7GGZJVW.js";
import {
  ArtifactKind,
  INPUT_GROUPS,
  IntegrityError,
  MANIFEST_SCHEMA,
  Manifest,
  MissingFileError,
  addressOf,
  asLocalWriteError,
  assertUnchanged,
  assertVersionOpenTo,
  attemptDataPrefix,
  attemptPrefixOf,
  canonicalJson,
  checkVersionClaim,
  claimVersion,
  dataPrefix,
  describeChanges,
  earliestManifest,
  external_exports,
  fingerprint,
  forEachLimit,
  formatBytes,
  groupDigests,
  groupOf,
  manifestDataPrefix,
  manifestKey,
  manifestPrefix,
  parseClaim,
  parseManifestKey,
  parseSignature,
  safeJoin,
  scanArtifactDir,
  sha256Hex,
  timingCacheKey,
  versionClaimKey
} from "./chunk-Z63VYH5F.js";
import {
  execa
} from "./chunk-EQPYO55T.js";
import {
  UserError,
  errorMessage,
  quote
} from "./chunk-DKPLMQHU.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-ZV4UUMJZ.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar2(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair2;
    exports.isScalar = isScalar2;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path21) {
      const ctrl = callVisitor(key, node, visitor, path21);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path21, ctrl);
        return visit_(key, ctrl, visitor, path21);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path21 = Object.freeze(path21.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path21);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path21 = Object.freeze(path21.concat(node));
          const ck = visit_("key", node.key, visitor, path21);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path21);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path21) {
      const ctrl = await callVisitor(key, node, visitor, path21);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path21, ctrl);
        return visitAsync_(key, ctrl, visitor, path21);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path21 = Object.freeze(path21.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path21);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path21 = Object.freeze(path21.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path21);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path21);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path21) {
      if (typeof visitor === "function")
        return visitor(key, node, path21);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path21);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path21);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path21);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path21);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path21);
      return void 0;
    }
    function replaceNode(key, path21, node) {
      const parent = path21[path21.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name2 = parts.shift();
        switch (name2) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name2}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name2 = `${prefix}${i}`;
        if (!exclude.has(name2))
          return name2;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path21, value) {
      let v = value;
      for (let i = path21.length - 1; i >= 0; --i) {
        const k = path21[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path21) => path21 == null || typeof path21 === "object" && !!path21[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path21, value) {
        if (isEmptyPath(path21))
          this.add(value);
        else {
          const [key, ...rest] = path21;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path21) {
        const [key, ...rest] = path21;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path21, keepScalar) {
        const [key, ...rest] = path21;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path21) {
        const [key, ...rest] = path21;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path21, value) {
        const [key, ...rest] = path21;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str2) => str2.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str2, indent, comment) => str2.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str2.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str2) => /^(%|---|\.\.\.)/m.test(str2);
    function lineLengthOverLimit(str2, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str2.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str2[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str2 = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str2 += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str2 += json.slice(start, i);
                const code2 = json.substr(i + 2, 4);
                switch (code2) {
                  case "0000":
                    str2 += "\\0";
                    break;
                  case "0007":
                    str2 += "\\a";
                    break;
                  case "000b":
                    str2 += "\\v";
                    break;
                  case "001b":
                    str2 += "\\e";
                    break;
                  case "0085":
                    str2 += "\\N";
                    break;
                  case "00a0":
                    str2 += "\\_";
                    break;
                  case "2028":
                    str2 += "\\L";
                    break;
                  case "2029":
                    str2 += "\\P";
                    break;
                  default:
                    if (code2.substr(0, 2) === "00")
                      str2 += "\\x" + code2.substr(2);
                    else
                      str2 += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str2 += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str2 += "\n";
                  i += 2;
                }
                str2 += indent;
                if (json[i + 2] === " ")
                  str2 += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str2 = start ? str2 + json.slice(start) : json;
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str2 = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str2);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str2 : foldFlowLines.foldFlowLines(str2, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name2 = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name2} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify2(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str2 = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str2;
      return identity.isScalar(node) || str2[0] === "{" || str2[0] === "[" ? `${props} ${str2}` : `${props}
${ctx.indent}${str2}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify2;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str2 = stringify2.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str2.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str2 === "" ? "?" : explicitKey ? `? ${str2}` : str2;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str2 = `? ${str2}`;
        if (keyComment && !keyCommentDone) {
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str2;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
        str2 = `? ${str2}
${indent}:`;
      } else {
        str2 = `${str2}:`;
        if (keyComment)
          str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str2.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify2.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str2 += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str2 += stringifyComment.lineComment(str2, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str2;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning2) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning2);
        else
          console.warn(warning2);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify2 = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify2.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify3 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify3(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str3 = stringify2.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str3 += stringifyComment.lineComment(str3, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str3);
      }
      let str2;
      if (lines.length === 0) {
        str2 = flowChars.start + flowChars.end;
      } else {
        str2 = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str2 += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str2 += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str2;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str2 = stringify2.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str2.includes("\n"));
        if (i < items.length - 1) {
          str2 += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str2.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str2 += ",";
          }
        }
        if (comment)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment));
        lines.push(str2);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str2 = start;
          for (const line of lines)
            str2 += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str2}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str2) => str2,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str2) => new Scalar.Scalar(str2[0] === "t" || str2[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2));
        const dot = str2.indexOf(".");
        if (dot !== -1 && str2[str2.length - 1] === "0")
          node.minFractionDigits = str2.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str2, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int2 = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int2;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int2 = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int2.intOct,
      int2.int,
      int2.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str2) => str2,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str2) => str2 === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str2, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str2) : parseInt(str2, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str2) => parseFloat(str2),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str2, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str2)}`);
        return str2;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str2 = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str2.length);
          for (let i = 0; i < str2.length; ++i)
            buffer[i] = str2.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str2;
        if (typeof node_buffer.Buffer === "function") {
          str2 = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s3 = "";
          for (let i = 0; i < buf.length; ++i)
            s3 += String.fromCharCode(buf[i]);
          str2 = btoa(s3);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str2.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str2.substr(o, lineWidth);
          }
          str2 = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str2 }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str2) => str2.slice(-3).toLowerCase() === "nan" ? NaN : str2[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str2) => parseFloat(str2.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str2) {
        const node = new Scalar.Scalar(parseFloat(str2.replace(/_/g, "")));
        const dot = str2.indexOf(".");
        if (dot !== -1) {
          const f = str2.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str2, offset, radix, { intAsBigInt }) {
      const sign = str2[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str2 = str2.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str2 = `0b${str2}`;
            break;
          case 8:
            str2 = `0o${str2}`;
            break;
          case 16:
            str2 = `0x${str2}`;
            break;
        }
        const n2 = BigInt(str2);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str2, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str2 = value.toString(radix);
        return value < 0 ? "-" + prefix + str2.substr(1) : prefix + str2;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int2 = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str2, _onError, opt) => intResolve(str2, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int2;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str2, asBigInt) {
      const sign = str2[0];
      const parts = sign === "-" || sign === "+" ? str2.substring(1) : str2;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str2, _onError, { intAsBigInt }) => parseSexagesimal(str2, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str2) => parseSexagesimal(str2, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str2) {
        const match = str2.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int2 = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int2.intBin,
      int2.intOct,
      int2.int,
      int2.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int2 = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int2.int,
      intHex: int2.intHex,
      intOct: int2.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify2.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify2.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify2.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path21, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path21, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name2) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name2 || prev.has(name2) ? anchors.findNewAnchor(name2 || "a", prev) : name2;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path21) {
        if (Collection.isEmptyPath(path21)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path21) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path21, keepScalar) {
        if (Collection.isEmptyPath(path21))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path21, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path21) {
        if (Collection.isEmptyPath(path21))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path21) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path21, value) {
        if (Collection.isEmptyPath(path21)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path21), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path21, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s3 = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s3}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name2, pos, code2, message) {
        super();
        this.name = name2;
        this.code = code2;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLParseError", pos, code2, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code2, message) {
        super("YAMLWarning", pos, code2, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name2 = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name2} must end with a ${expectedEnd}` : `${name2} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code2, msg) => onError(offset + rel, code2, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code2 = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code2);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code2, message, warning2) => {
          const pos = getErrorPos(source);
          if (warning2)
            this.warnings.push(new errors.YAMLWarning(pos, code2, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code2, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning2) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning2);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code2, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code2, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code2, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify2 = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify2;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path21) => {
      let item = cst;
      for (const [field, index] of path21) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path21) => {
      const parent = visit.itemAtPath(cst, path21.slice(0, -1));
      const field = path21[path21.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path21, item, visitor) {
      let ctrl = visitor(item, path21);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path21.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path21);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path21) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar2 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar2;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s3 = this.peek(3);
          if ((s3 === "---" || s3 === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s3 === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote2 = this.charAt(0);
        let end = this.buffer.indexOf(quote2, this.pos + 1);
        if (quote2 === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s3 = this.buffer.slice(this.pos, i);
        if (s3) {
          yield s3;
          this.pos += s3.length;
          return s3.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning2) => log.warn(doc.options.logLevel, warning2));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify2(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify2;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document.Document;
    exports.Schema = Schema.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports, module) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      "\xA0",
      "\u1680",
      "\u2000",
      "\u2001",
      "\u2002",
      "\u2003",
      "\u2004",
      "\u2005",
      "\u2006",
      "\u2007",
      "\u2008",
      "\u2009",
      "\u200A",
      "\u2028",
      "\u2029",
      "\u202F",
      "\u205F",
      "\u3000",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports, module) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module.exports = debug;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports, module) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports = module.exports = {};
    var re = exports.re = [];
    var safeRe = exports.safeRe = [];
    var src = exports.src = [];
    var safeSrc = exports.safeSrc = [];
    var t = exports.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token, max] of safeRegexReplacements) {
        value = value.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name2, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name2, index, value);
      t[name2] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports, module) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports, module) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports, module) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options) {
        options = parseOptions(options);
        if (version instanceof _SemVer) {
          if (version.loose === !!options.loose && version.includePrerelease === !!options.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = (version, options, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module.exports = parse;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var valid = (version, options) => {
      const v = parse(version, options);
      return v ? v.version : null;
    };
    module.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var clean = (version, options) => {
      const s3 = parse(version.trim().replace(/^[=v]+/, ""), options);
      return s3 ? s3.version : null;
    };
    module.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var diff = (version1, version2) => {
      const v1 = parse(version1, null, true);
      const v2 = parse(version2, null, true);
      const comparison = v1.compare(v2);
      if (comparison === 0) {
        return null;
      }
      const v1Higher = comparison > 0;
      const highVersion = v1Higher ? v1 : v2;
      const lowVersion = v1Higher ? v2 : v1;
      const highHasPre = !!highVersion.prerelease.length;
      const lowHasPre = !!lowVersion.prerelease.length;
      if (lowHasPre && !highHasPre) {
        if (!lowVersion.patch && !lowVersion.minor) {
          return "major";
        }
        if (lowVersion.compareMain(highVersion) === 0) {
          if (lowVersion.minor && !lowVersion.patch) {
            return "minor";
          }
          return "patch";
        }
      }
      const prefix = highHasPre ? "pre" : "";
      if (v1.major !== v2.major) {
        return prefix + "major";
      }
      if (v1.minor !== v2.minor) {
        return prefix + "minor";
      }
      if (v1.patch !== v2.patch) {
        return prefix + "patch";
      }
      return "prerelease";
    };
    module.exports = diff;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var prerelease = (version, options) => {
      const parsed = parse(version, options);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose));
    module.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose));
    module.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports, module) {
    "use strict";
    var eq = require_eq();
    var neq = require_neq();
    var gt = require_gt();
    var gte = require_gte();
    var lt = require_lt();
    var lte = require_lte();
    var cmp = (a, op, b, loose) => {
      switch (op) {
        case "===":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a === b;
        case "!==":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a !== b;
        case "":
        case "=":
        case "==":
          return eq(a, b, loose);
        case "!=":
          return neq(a, b, loose);
        case ">":
          return gt(a, b, loose);
        case ">=":
          return gte(a, b, loose);
        case "<":
          return lt(a, b, loose);
        case "<=":
          return lte(a, b, loose);
        default:
          throw new TypeError(`Invalid operator: ${op}`);
      }
    };
    module.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version, options) => {
      if (version instanceof SemVer) {
        return version;
      }
      if (typeof version === "number") {
        version = String(version);
      }
      if (typeof version !== "string") {
        return null;
      }
      options = options || {};
      let match = null;
      if (!options.rtl) {
        match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version)) && (!match || match.index + match[0].length !== version.length)) {
          if (!match || next.index + next[0].length !== match.index + match[0].length) {
            match = next;
          }
          coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length;
        }
        coerceRtlRegex.lastIndex = -1;
      }
      if (match === null) {
        return null;
      }
      const major = match[2];
      const minor = match[3] || "0";
      const patch = match[4] || "0";
      const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build2 = options.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse(`${major}.${minor}.${patch}${prerelease}${build2}`, options);
    };
    module.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var constants2 = require_constants();
    var SemVer = require_semver();
    var truncate2 = (version, truncation, options) => {
      if (!constants2.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version, options);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version, options) => {
      const versionStringToParse = version instanceof SemVer ? version.version : version;
      return parse(versionStringToParse, options);
    };
    var doTruncation = (version, truncation) => {
      if (isPrerelease(truncation)) {
        return version.version;
      }
      version.prerelease = [];
      switch (truncation) {
        case "major":
          version.minor = 0;
          version.patch = 0;
          break;
        case "minor":
          version.patch = 0;
          break;
      }
      return version.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module.exports = truncate2;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports, module) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key) {
        const value = this.map.get(key);
        if (value === void 0) {
          return void 0;
        } else {
          this.map.delete(key);
          this.map.set(key, value);
          return value;
        }
      }
      delete(key) {
        return this.map.delete(key);
      }
      set(key, value) {
        const deleted = this.delete(key);
        if (!deleted && value !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key, value);
        }
        return this;
      }
    };
    module.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports, module) {
    "use strict";
    var {
      MAX_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      WHITESPACE_CHARACTERS
    } = require_constants();
    var whitespace = new Uint8Array(65536);
    for (const char of WHITESPACE_CHARACTERS) {
      whitespace[char.charCodeAt(0)] = 1;
    }
    var isWhitespace = (char) => char !== void 0 && whitespace[char.charCodeAt(0)] === 1;
    var isVersionPrefix = (char) => char === "v" || char === "=" || isWhitespace(char);
    var isDigit = (char) => char !== void 0 && char >= "0" && char <= "9";
    var isLetter = (char) => char !== void 0 && (char >= "a" && char <= "z" || char >= "A" && char <= "Z");
    var isIdentifierCharacter = (char) => isDigit(char) || isLetter(char) || char === "-";
    var isVersionStart = (char) => isDigit(char) || char === "x" || char === "X" || char === "*";
    var findDigitsEndIndex = (range, start, limit, digitRuns) => {
      if (!isDigit(range[start])) {
        return start;
      }
      if (start >= digitRuns.start && start < digitRuns.end) {
        return Math.min(start + limit, digitRuns.end);
      }
      if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
        return Math.min(start + limit, digitRuns.previousEnd);
      }
      let end = start + 1;
      while (isDigit(range[end])) {
        end++;
      }
      digitRuns.previousStart = digitRuns.start;
      digitRuns.previousEnd = digitRuns.end;
      digitRuns.start = start;
      digitRuns.end = end;
      return Math.min(start + limit, end);
    };
    var findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
      if (!loose && range[start] === "0") {
        return start + 1;
      }
      return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns);
    };
    var findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
      const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns);
      if (isLetter(range[digitsEnd]) || range[digitsEnd] === "-") {
        let end = digitsEnd + 1;
        const limit = end + MAX_SAFE_BUILD_LENGTH;
        while (end < limit && isIdentifierCharacter(range[end])) {
          end++;
        }
        return end;
      }
      return findVersionNumberEndIndex(range, start, loose, digitRuns);
    };
    var findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
      const hyphen = range[start] === "-";
      if (!loose && !hyphen) {
        return start;
      }
      const identifierStart = start + (hyphen ? 1 : 0);
      let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns);
      if (end === identifierStart) {
        if (!loose || !hyphen) {
          return start;
        }
        end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns);
      }
      while (range[end] === ".") {
        const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findBuildIdentifierEndIndex = (range, start) => {
      let end = start;
      while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
        end++;
      }
      return end;
    };
    var findBuildEndIndex = (range, start) => {
      if (range[start] !== "+") {
        return start;
      }
      let end = findBuildIdentifierEndIndex(range, start + 1);
      if (end === start + 1) {
        return start;
      }
      while (range[end] === ".") {
        const next = findBuildIdentifierEndIndex(range, end + 1);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findLooseFullVersionEndIndex = (range, start, digitRuns) => {
      let end = start;
      for (let component = 0; component < 3; component++) {
        const next = findVersionNumberEndIndex(range, end, true, digitRuns);
        if (next === end) {
          return start;
        }
        end = next;
        if (component < 2) {
          if (range[end] !== ".") {
            return start;
          }
          end++;
        }
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
      if (isDigit(range[start])) {
        return findVersionNumberEndIndex(range, start, false, digitRuns);
      }
      return isVersionStart(range[start]) ? start + 1 : start;
    };
    var findPartialVersionEndIndex = (range, start, digitRuns) => {
      let end = findPartialVersionComponentEndIndex(range, start, digitRuns);
      for (let component = 0; component < 2; component++) {
        if (range[end] !== ".") {
          return end;
        }
        const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns);
        if (next === end + 1) {
          return end;
        }
        end = next;
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findVersionEndIndex = (range, start, digitRuns) => {
      const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns);
      return fullVersionEnd !== start ? fullVersionEnd : findPartialVersionEndIndex(range, start, digitRuns);
    };
    var findRemovableWhitespaceIndex = (range, matchStart) => {
      let position = matchStart;
      if (isWhitespace(range[position])) {
        position++;
      }
      if (range[position] === "<" || range[position] === ">") {
        position++;
      }
      if (range[position] === "=") {
        position++;
      }
      return isWhitespace(range[position]) ? position : -1;
    };
    var trimComparatorWhitespace = (range) => {
      let result3 = "";
      let copyFrom = 0;
      let cursor = 0;
      const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 };
      while (cursor < range.length) {
        const matchStart = cursor;
        if (range[cursor] === "<" || range[cursor] === ">") {
          cursor++;
        } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
          cursor++;
          continue;
        }
        while (cursor < range.length && isVersionPrefix(range[cursor])) {
          cursor++;
        }
        if (!isVersionStart(range[cursor])) {
          continue;
        }
        const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart);
        if (whitespacePosition !== -1) {
          result3 += range.slice(copyFrom, whitespacePosition);
          copyFrom = whitespacePosition + 1;
        }
        cursor = findVersionEndIndex(range, cursor, digitRuns);
      }
      return result3 + range.slice(copyFrom);
    };
    module.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports, module) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options) {
        options = parseOptions(options);
        if (range instanceof _Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        this.raw = range.trim().replace(SPACE_CHARACTERS, " ");
        this.set = this.raw.split("||").map((r) => this.parseRange(r.trim())).filter((c) => c.length);
        if (!this.set.length) {
          throw new TypeError(`Invalid SemVer Range: ${this.raw}`);
        }
        if (this.set.length > 1) {
          const first = this.set[0];
          this.set = this.set.filter((c) => !isNullSet(c[0]));
          if (this.set.length === 0) {
            this.set = [first];
          } else if (this.set.length > 1) {
            for (const c of this.set) {
              if (c.length === 1 && isAny(c[0])) {
                this.set = [c];
                break;
              }
            }
          }
        }
        this.formatted = void 0;
      }
      get range() {
        if (this.formatted === void 0) {
          this.formatted = "";
          for (let i = 0; i < this.set.length; i++) {
            if (i > 0) {
              this.formatted += "||";
            }
            const comps = this.set[i];
            for (let k = 0; k < comps.length; k++) {
              if (k > 0) {
                this.formatted += " ";
              }
              this.formatted += comps[k].toString().trim();
            }
          }
        }
        return this.formatted;
      }
      format() {
        return this.range;
      }
      toString() {
        return this.range;
      }
      parseRange(range) {
        range = range.replace(BUILDSTRIPRE, "");
        const memoOpts = (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) | (this.options.loose && FLAG_LOOSE);
        const memoKey = memoOpts + ":" + range;
        const cached = cache.get(memoKey);
        if (cached) {
          return cached;
        }
        const loose = this.options.loose;
        const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace(this.options.includePrerelease));
        debug("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug("range list", rangeList);
        const rangeMap = /* @__PURE__ */ new Map();
        const comparators = rangeList.map((comp) => new Comparator(comp, this.options));
        for (const comp of comparators) {
          if (isNullSet(comp)) {
            return [comp];
          }
          rangeMap.set(comp.value, comp);
        }
        if (rangeMap.size > 1 && rangeMap.has("")) {
          rangeMap.delete("");
        }
        const result3 = [...rangeMap.values()];
        cache.set(memoKey, result3);
        return result3;
      }
      intersects(range, options) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i = 0; i < this.set.length; i++) {
          if (testSet(this.set[i], version, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug = require_debug();
    var SemVer = require_semver();
    var trimComparatorWhitespace = require_trim_comparator_whitespace();
    var {
      safeRe: re,
      src,
      t,
      tildeTrimReplace,
      caretTrimReplace
    } = require_re();
    var { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = require_constants();
    var BUILDSTRIPRE = new RegExp(src[t.BUILD], "g");
    var isNullSet = (c) => c.value === "<0.0.0-0";
    var isAny = (c) => c.value === "";
    var isSatisfiable = (comparators, options) => {
      let result3 = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result3 && remainingComparators.length) {
        result3 = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options);
        });
        testComparator = remainingComparators.pop();
      }
      return result3;
    };
    var parseComparator = (comp, options) => {
      comp = comp.replace(re[t.BUILD], "");
      debug("comp", comp, options);
      comp = replaceCarets(comp, options);
      debug("caret", comp);
      comp = replaceTildes(comp, options);
      debug("tildes", comp);
      comp = replaceXRanges(comp, options);
      debug("xrange", comp);
      comp = replaceStars(comp, options);
      debug("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p) => isX(M) && !isX(m) || isX(m) && p && !isX(p);
    var replaceTildes = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options)).join(" ");
    };
    var replaceTilde = (comp, options) => {
      const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("tilde", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
        }
        debug("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options)).join(" ");
    };
    var replaceCaret = (comp, options) => {
      debug("caret", comp, options);
      const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("caret", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p} <${+M + 1}.0.0-0`;
          }
        }
        debug("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options) => {
      debug("replaceXRanges", comp, options);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options)).join(" ");
    };
    var replaceXRange = (comp, options) => {
      comp = comp.trim();
      const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
        debug("xRange", comp, ret, gtlt, M, m, p, pr);
        if (invalidXRangeOrder(M, m, p)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options.includePrerelease ? "-0" : "";
        if (xM) {
          if (gtlt === ">" || gtlt === "<") {
            ret = "<0.0.0-0";
          } else {
            ret = "*";
          }
        } else if (gtlt && anyX) {
          if (xm) {
            m = 0;
          }
          p = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p = 0;
            } else {
              m = +m + 1;
              p = 0;
            }
          } else if (gtlt === "<=") {
            gtlt = "<";
            if (xm) {
              M = +M + 1;
            } else {
              m = +m + 1;
            }
          }
          if (gtlt === "<") {
            pr = "-0";
          }
          ret = `${gtlt + M}.${m}.${p}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options) => {
      debug("replaceStars", comp, options);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options) => {
      debug("replaceGTE0", comp, options);
      return comp.trim().replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], "");
    };
    var hyphenReplace = (incPr) => ($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp2, tpr) => {
      if (isX(fM)) {
        from = "";
      } else if (isX(fm)) {
        from = `>=${fM}.0.0${incPr ? "-0" : ""}`;
      } else if (isX(fp)) {
        from = `>=${fM}.${fm}.0${incPr ? "-0" : ""}`;
      } else if (fpr) {
        from = `>=${from}`;
      } else {
        from = `>=${from}${incPr ? "-0" : ""}`;
      }
      if (isX(tM)) {
        to = "";
      } else if (isX(tm)) {
        to = `<${+tM + 1}.0.0-0`;
      } else if (isX(tp2)) {
        to = `<${tM}.${+tm + 1}.0-0`;
      } else if (tpr) {
        to = `<=${tM}.${tm}.${tp2}-${tpr}`;
      } else if (incPr) {
        to = `<${tM}.${tm}.${+tp2 + 1}-0`;
      } else {
        to = `<=${to}`;
      }
      return `${from} ${to}`.trim();
    };
    var testSet = (set, version, options) => {
      for (let i = 0; i < set.length; i++) {
        if (!set[i].test(version)) {
          return false;
        }
      }
      if (version.prerelease.length && !options.includePrerelease) {
        for (let i = 0; i < set.length; i++) {
          debug(set[i].semver);
          if (set[i].semver === Comparator.ANY) {
            continue;
          }
          if (set[i].semver.prerelease.length > 0) {
            const allowed = set[i].semver;
            if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
              return true;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
});

// node_modules/semver/classes/comparator.js
var require_comparator = __commonJS({
  "node_modules/semver/classes/comparator.js"(exports, module) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options) {
        options = parseOptions(options);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      parse(comp) {
        const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR];
        const m = comp.match(r);
        if (!m) {
          throw new TypeError(`Invalid comparator: ${comp}`);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      }
      toString() {
        return this.value;
      }
      test(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      }
      intersects(comp, options) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options).test(comp.semver);
        }
        options = parseOptions(options);
        if (options.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
          return false;
        }
        if (this.operator.startsWith(">") && comp.operator.startsWith(">")) {
          return true;
        }
        if (this.operator.startsWith("<") && comp.operator.startsWith("<")) {
          return true;
        }
        if (this.semver.version === comp.semver.version && this.operator.includes("=") && comp.operator.includes("=")) {
          return true;
        }
        if (cmp(this.semver, "<", comp.semver, options) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var satisfies = (version, range, options) => {
      try {
        range = new Range(range, options);
      } catch (er) {
        return false;
      }
      return range.test(version);
    };
    module.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options) => new Range(range, options).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options);
          }
        }
      });
      return max;
    };
    module.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options);
          }
        }
      });
      return min;
    };
    module.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var gt = require_gt();
    var minVersion = (range, loose) => {
      range = new Range(range, loose);
      let minver = new SemVer("0.0.0");
      if (range.test(minver)) {
        return minver;
      }
      minver = new SemVer("0.0.0-0");
      if (range.test(minver)) {
        return minver;
      }
      minver = null;
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let setMin = null;
        comparators.forEach((comparator) => {
          const compver = new SemVer(comparator.semver.version);
          switch (comparator.operator) {
            case ">":
              if (compver.prerelease.length === 0) {
                compver.patch++;
              } else {
                compver.prerelease.push(0);
              }
              compver.raw = compver.format();
            /* fallthrough */
            case "":
            case ">=":
              if (!setMin || gt(compver, setMin)) {
                setMin = compver;
              }
              break;
            case "<":
            case "<=":
              break;
            /* istanbul ignore next */
            default:
              throw new Error(`Unexpected operation: ${comparator.operator}`);
          }
        });
        if (setMin && (!minver || gt(minver, setMin))) {
          minver = setMin;
        }
      }
      if (minver && range.test(minver)) {
        return minver;
      }
      return null;
    };
    module.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options) => {
      try {
        return new Range(range, options).range || "*";
      } catch (er) {
        return null;
      }
    };
    module.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var Range = require_range();
    var satisfies = require_satisfies();
    var gt = require_gt();
    var lt = require_lt();
    var lte = require_lte();
    var gte = require_gte();
    var outside = (version, range, hilo, options) => {
      version = new SemVer(version, options);
      range = new Range(range, options);
      let gtfn, ltefn, ltfn, comp, ecomp;
      switch (hilo) {
        case ">":
          gtfn = gt;
          ltefn = lte;
          ltfn = lt;
          comp = ">";
          ecomp = ">=";
          break;
        case "<":
          gtfn = lt;
          ltefn = gte;
          ltfn = gt;
          comp = "<";
          ecomp = "<=";
          break;
        default:
          throw new TypeError('Must provide a hilo val of "<" or ">"');
      }
      if (satisfies(version, range, options)) {
        return false;
      }
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let high = null;
        let low = null;
        comparators.forEach((comparator) => {
          if (comparator.semver === ANY) {
            comparator = new Comparator(">=0.0.0");
          }
          high = high || comparator;
          low = low || comparator;
          if (gtfn(comparator.semver, high.semver, options)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var gtr = (version, range, options) => outside(version, range, ">", options);
    module.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var ltr = (version, range, options) => outside(version, range, "<", options);
    module.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options) => {
      r1 = new Range(r1, options);
      r2 = new Range(r2, options);
      return r1.intersects(r2, options);
    };
    module.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports, module) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module.exports = (versions, range, options) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options));
      for (const version of v) {
        const included = satisfies(version, range, options);
        if (included) {
          prev = version;
          if (!first) {
            first = version;
          }
        } else {
          if (prev) {
            set.push([first, prev]);
          }
          prev = null;
          first = null;
        }
      }
      if (first) {
        set.push([first, null]);
      }
      const ranges = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges.push(min);
        } else if (!max && min === v[0]) {
          ranges.push("*");
        } else if (!max) {
          ranges.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges.push(`<=${max}`);
        } else {
          ranges.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options);
      dom = new Range(dom, options);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options);
          sawNonNull = sawNonNull || isSub !== null;
          if (isSub) {
            continue OUTER;
          }
        }
        if (sawNonNull) {
          return false;
        }
      }
      return true;
    };
    var minimumVersionWithPreRelease = [new Comparator(">=0.0.0-0")];
    var minimumVersion = [new Comparator(">=0.0.0")];
    var simpleSubset = (sub, dom, options) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
      if (needDomLTPre && needDomLTPre.prerelease.length === 1 && lt.operator === "<" && needDomLTPre.prerelease[0] === 0) {
        needDomLTPre = false;
      }
      for (const c of dom) {
        hasDomGT = hasDomGT || c.operator === ">" || c.operator === ">=";
        hasDomLT = hasDomLT || c.operator === "<" || c.operator === "<=";
        if (gt) {
          if (needDomGTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomGTPre.major && c.semver.minor === needDomGTPre.minor && c.semver.patch === needDomGTPre.patch) {
              needDomGTPre = false;
            }
          }
          if (c.operator === ">" || c.operator === ">=") {
            higher = higherGT(gt, c, options);
            if (higher === c && higher !== gt) {
              return false;
            }
          } else if (gt.operator === ">=" && !c.test(gt.semver)) {
            return false;
          }
        }
        if (lt) {
          if (needDomLTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomLTPre.major && c.semver.minor === needDomLTPre.minor && c.semver.patch === needDomLTPre.patch) {
              needDomLTPre = false;
            }
          }
          if (c.operator === "<" || c.operator === "<=") {
            lower = lowerLT(lt, c, options);
            if (lower === c && lower !== lt) {
              return false;
            }
          } else if (lt.operator === "<=" && !c.test(lt.semver)) {
            return false;
          }
        }
        if (!c.operator && (lt || gt) && gtltComp !== 0) {
          return false;
        }
      }
      if (gt && hasDomLT && !lt && gtltComp !== 0) {
        return false;
      }
      if (lt && hasDomGT && !gt && gtltComp !== 0) {
        return false;
      }
      if (needDomGTPre || needDomLTPre) {
        return false;
      }
      return true;
    };
    var higherGT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports, module) {
    "use strict";
    var internalRe = require_re();
    var constants2 = require_constants();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff = require_diff();
    var major = require_major();
    var minor = require_minor();
    var patch = require_patch();
    var prerelease = require_prerelease();
    var compare = require_compare();
    var rcompare = require_rcompare();
    var compareLoose = require_compare_loose();
    var compareBuild = require_compare_build();
    var sort = require_sort();
    var rsort = require_rsort();
    var gt = require_gt();
    var lt = require_lt();
    var eq = require_eq();
    var neq = require_neq();
    var gte = require_gte();
    var lte = require_lte();
    var cmp = require_cmp();
    var coerce = require_coerce();
    var truncate2 = require_truncate();
    var Comparator = require_comparator();
    var Range = require_range();
    var satisfies = require_satisfies();
    var toComparators = require_to_comparators();
    var maxSatisfying = require_max_satisfying();
    var minSatisfying = require_min_satisfying();
    var minVersion = require_min_version();
    var validRange = require_valid2();
    var outside = require_outside();
    var gtr = require_gtr();
    var ltr = require_ltr();
    var intersects = require_intersects();
    var simplifyRange = require_simplify();
    var subset = require_subset();
    module.exports = {
      parse,
      valid,
      clean,
      inc,
      diff,
      major,
      minor,
      patch,
      prerelease,
      compare,
      rcompare,
      compareLoose,
      compareBuild,
      sort,
      rsort,
      gt,
      lt,
      eq,
      neq,
      gte,
      lte,
      cmp,
      coerce,
      truncate: truncate2,
      Comparator,
      Range,
      satisfies,
      toComparators,
      maxSatisfying,
      minSatisfying,
      minVersion,
      validRange,
      outside,
      gtr,
      ltr,
      intersects,
      simplifyRange,
      subset,
      SemVer,
      re: internalRe.re,
      src: internalRe.src,
      tokens: internalRe.t,
      SEMVER_SPEC_VERSION: constants2.SEMVER_SPEC_VERSION,
      RELEASE_TYPES: constants2.RELEASE_TYPES,
      compareIdentifiers: identifiers.compareIdentifiers,
      rcompareIdentifiers: identifiers.rcompareIdentifiers
    };
  }
});

// src/core/suggest.ts
function editDistance(a, b) {
  const rows2 = a.length + 1;
  const cols = b.length + 1;
  const d = new Array(rows2 * cols).fill(0);
  for (let i = 0; i < rows2; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows2; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows2 * cols - 1];
}
function closest(input, candidates) {
  const needle = input.toLowerCase();
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(needle.length / 3)));
  return best !== void 0 && bestDistance <= allowed ? best : void 0;
}
function didYouMean(input, candidates) {
  const match = closest(input, candidates);
  return match === void 0 ? "" : ` (did you mean '${match}'?)`;
}

// src/inputs.ts
var COMMANDS = ["plan", "build", "publish", "image", "resolve", "gc", "compare", "bench"];
var INPUT_NAMES = [
  "command",
  "matrix",
  "store",
  "s3-endpoint",
  "s3-force-path-style",
  "aws-region",
  "max-cells",
  "max-jobs",
  "plan-file",
  "cell",
  "artifact-dir",
  "registry",
  "builder",
  "model",
  "gpu",
  "precision",
  "tp",
  "batch",
  "download",
  "keep",
  "dry-run",
  "abort-uploads-older-than",
  "expire-candidates-after",
  "channel",
  "allow-unsafe-store",
  "allow-fork-builds",
  "comment",
  "github-token",
  "runtime",
  "work-dir",
  "cache-dir",
  "trtllm-examples",
  "publish",
  "runtimes",
  "endpoint",
  "concurrency",
  "dataset",
  "force",
  "start-timeout",
  "preference"
];
function actionInputs(env = process.env) {
  return {
    kind: "action",
    get: (name2) => {
      const value = env[`INPUT_${name2.replace(/ /g, "_").toUpperCase()}`]?.trim();
      return value === void 0 || value === "" ? void 0 : value;
    }
  };
}
var Settings = class {
  constructor(source, env = process.env) {
    this.source = source;
    this.env = env;
  }
  source;
  env;
  /** How the user names an input in messages: `--cell` on the CLI, `input 'cell'` in a workflow. */
  label(name2) {
    return this.source.kind === "cli" ? `--${name2}` : `input '${name2}'`;
  }
  /** How the user sets it: `--dry-run false` on the CLI, `dry-run: false` in a workflow's `with:`. */
  assignment(name2, value) {
    return this.source.kind === "cli" ? `--${name2} ${value}` : `'${name2}: ${value}'`;
  }
  string(name2) {
    return this.source.get(name2);
  }
  required(name2) {
    const value = this.source.get(name2);
    if (value === void 0) throw new UserError(`${this.label(name2)} is required`);
    return value;
  }
  bool(name2, fallback) {
    const value = this.source.get(name2);
    if (value === void 0) return fallback;
    if (/^(true|yes|1|on)$/i.test(value)) return true;
    if (/^(false|no|0|off)$/i.test(value)) return false;
    throw new UserError(`${this.label(name2)} must be true or false (got ${quote(value)})`);
  }
  int(name2, fallback, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
    const value = this.source.get(name2);
    if (value === void 0) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UserError(`${this.label(name2)} must be a whole number from ${min} to ${max} (got ${quote(value)})`);
    }
    return n;
  }
  oneOf(name2, options) {
    const value = this.source.get(name2);
    if (value === void 0) return void 0;
    if (options.includes(value)) return value;
    throw new UserError(`${this.label(name2)} must be one of ${options.join(", ")}${didYouMean(value, options)} (got ${quote(value)})`);
  }
  /** A JSON input (`cell`), parsed; a syntax error names the input rather than the parser. */
  json(name2) {
    const text = this.required(name2);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UserError(`${this.label(name2)} is not valid JSON: ${error.message} (got ${quote(text)})`);
    }
  }
  command() {
    const value = this.source.get("command") ?? "plan";
    if (COMMANDS.includes(value)) return value;
    throw new UserError(`${this.source.kind === "cli" ? "command" : this.label("command")} must be one of ${COMMANDS.join(", ")}${didYouMean(value, COMMANDS)} (got ${quote(value)})`);
  }
  /** The directory the workflow checked out: paths given by the user must stay inside it. */
  workspace() {
    return this.env.GITHUB_WORKSPACE || process.cwd();
  }
};

// src/commands/build.ts
import { existsSync } from "node:fs";
import os2 from "node:os";
import path14 from "node:path";

// src/core/expand.ts
function expandMatrix(spec) {
  const axisKeys2 = new Set(spec.axes.map(([key]) => key));
  let combos = spec.axes.length === 0 ? [] : [{}];
  for (const [key, values] of spec.axes) {
    const next = [];
    for (const combo of combos) for (const value of values) next.push({ ...combo, [key]: value });
    combos = next;
  }
  const excludes = spec.exclude ?? [];
  combos = combos.filter((combo) => !excludes.some((entry) => matches(combo, entry)));
  const originals = combos.length;
  const added = [];
  for (const entry of spec.include ?? []) {
    let extended = false;
    for (let i = 0; i < originals; i++) {
      const combo = combos[i];
      const fits = Object.entries(entry).every(([key, value]) => !axisKeys2.has(key) || combo[key] === value);
      if (!fits) continue;
      for (const [key, value] of Object.entries(entry)) if (!axisKeys2.has(key)) combo[key] = value;
      extended = true;
    }
    if (!extended) added.push({ ...entry });
  }
  return [...combos, ...added];
}
function matches(combo, partial) {
  return Object.entries(partial).every(([key, value]) => combo[key] === value);
}

// src/core/gpus.ts
var GPU_CATALOGUE = {
  "a100-40gb": { vendor: "nvidia", computeCapability: "8.0", memoryGb: 40, smiNames: ["NVIDIA A100-SXM4-40GB", "NVIDIA A100-PCIE-40GB"] },
  "a100-80gb": { vendor: "nvidia", computeCapability: "8.0", memoryGb: 80, smiNames: ["NVIDIA A100-SXM4-80GB", "NVIDIA A100 80GB PCIe"] },
  a10g: { vendor: "nvidia", computeCapability: "8.6", memoryGb: 24, smiNames: ["NVIDIA A10G"] },
  l4: { vendor: "nvidia", computeCapability: "8.9", memoryGb: 24, smiNames: ["NVIDIA L4"] },
  l40s: { vendor: "nvidia", computeCapability: "8.9", memoryGb: 48, smiNames: ["NVIDIA L40S"] },
  h100: { vendor: "nvidia", computeCapability: "9.0", memoryGb: 80, smiNames: ["NVIDIA H100 80GB HBM3", "NVIDIA H100 PCIe"] },
  "h100-nvl": { vendor: "nvidia", computeCapability: "9.0", memoryGb: 94, smiNames: ["NVIDIA H100 NVL"] },
  h200: { vendor: "nvidia", computeCapability: "9.0", memoryGb: 141, smiNames: ["NVIDIA H200", "NVIDIA H200 NVL"] },
  gh200: { vendor: "nvidia", computeCapability: "9.0", memoryGb: 96, smiNames: ["NVIDIA GH200 480GB"] },
  b200: { vendor: "nvidia", computeCapability: "10.0", memoryGb: 180, smiNames: ["NVIDIA B200"] },
  gb200: { vendor: "nvidia", computeCapability: "10.0", memoryGb: 186, smiNames: ["NVIDIA GB200"] },
  mi300x: { vendor: "amd", memoryGb: 192, smiNames: ["AMD Instinct MI300X", "AMD Instinct MI300X OAM"] }
};
function familyForSmiName(smiName, families = GPU_CATALOGUE) {
  const wanted = smiName.trim().toLowerCase();
  for (const [family, facts] of Object.entries(families)) {
    if (facts.smiNames.some((name2) => name2.toLowerCase() === wanted)) return family;
  }
  return void 0;
}
function runnerGpuProblem(family, smiName, families) {
  const detected = familyForSmiName(smiName, families);
  if (detected === void 0 || detected === family) return void 0;
  return `this runner's GPU is ${smiName} (${detected}), but the cell is for ${family}: an engine runs only on the GPU model it was built for; publish from a ${family} runner`;
}
function smNumber(computeCapability) {
  const [major = "0", minor = "0"] = computeCapability.split(".");
  return Number(major) * 10 + Number(minor);
}
function gpuFacts(matrix, family) {
  const spec = matrix.gpus[family];
  const known = GPU_CATALOGUE[family];
  const vendor = spec?.vendor ?? known?.vendor ?? "nvidia";
  const cc = spec?.["compute-capability"] ?? known?.computeCapability;
  return {
    vendor,
    ...cc !== void 0 && vendor === "nvidia" ? { computeCapability: cc } : {},
    memoryGb: spec?.["memory-gb"] ?? known?.memoryGb ?? 0,
    smiNames: spec?.["smi-names"] ?? known?.smiNames ?? []
  };
}

// src/core/engine-images.ts
var ENGINE_IMAGE_RECIPE_VERSION = 1;
var SERVERLESS_WORKER_VERSION = 1;
function deriveEngineImages(matrix, engines) {
  const trtllm2 = matrix.toolchains.trtllm;
  const serverless = matrix.serving?.serverless;
  const runsOn = matrix.serving?.["runs-on"] ?? matrix.toolchains.vllm["runs-on"];
  const artifact = matrix.serving?.artifact ?? "bake";
  return engines.map((cell) => {
    const facts = gpuFacts(matrix, cell.gpu);
    const inputs = {
      recipe: ENGINE_IMAGE_RECIPE_VERSION,
      // Implied by the engine's fingerprint; named so the store's version claim sees which model it is.
      source: cell.source,
      revision: cell.revision,
      engine: cell.id,
      "engine-fingerprint": cell.fingerprint,
      "trtllm-image": trtllm2.image,
      ...serverless !== void 0 ? { serverless, worker: SERVERLESS_WORKER_VERSION } : {},
      // Absent when baked (the default), so turning fetch on moves only the images it changes.
      ...artifact === "fetch" ? { artifact } : {}
    };
    const unsupported = cell.unsupported !== void 0 ? `its engine cannot be built: ${cell.unsupported}` : facts.computeCapability === void 0 ? `GPU family ${cell.gpu} has no compute capability to check at start: declare gpus.${cell.gpu}.compute-capability` : artifact === "fetch" && trtllm2.backend !== "tensorrt" ? "serving.artifact fetch needs toolchains.trtllm.backend tensorrt: on the PyTorch path the artifact is a serving config and the weights are a checkpoint, which is baked" : void 0;
    return {
      id: cell.id,
      model: cell.model,
      version: cell.version,
      source: cell.source,
      revision: cell.revision,
      gpu: cell.gpu,
      precision: cell.precision,
      tp: cell.tp,
      batchMax: cell.batch.max,
      maxSeqLen: cell.maxSeqLen,
      backend: trtllm2.backend,
      trtllmVersion: trtllm2.version,
      baseImage: trtllm2.image,
      gpuFacts: { family: cell.gpu, computeCapability: facts.computeCapability ?? "", smiNames: facts.smiNames },
      engine: { id: cell.id, fingerprint: cell.fingerprint },
      ...cell.checkpoint !== void 0 ? { checkpoint: cell.checkpoint } : {},
      ...serverless !== void 0 ? { serverless } : {},
      artifact,
      runsOn,
      ...fingerprint("image", inputs),
      inputs,
      ...unsupported !== void 0 ? { unsupported } : {}
    };
  });
}

// src/core/precision.ts
var PRECISIONS = ["fp16", "bf16", "fp8", "int8_sq", "int8_wo", "int4_wo", "int4_awq", "w4a8_awq", "nvfp4"];
var BYTES_PER_PARAM = {
  fp16: 2,
  bf16: 2,
  fp8: 1,
  int8_sq: 1,
  int8_wo: 1,
  int4_wo: 0.5,
  int4_awq: 0.5,
  w4a8_awq: 0.5,
  nvfp4: 0.5
};
var SM_RANGE = {
  fp16: { min: 70, why: "FP16 needs SM 7.0 or later" },
  bf16: { min: 80, why: "BF16 needs SM 8.0 (Ampere) or later" },
  fp8: { min: 89, why: "FP8 (W8A8) needs SM 8.9 (Ada) or later" },
  int8_sq: { min: 70, below: 100, why: "INT8 SmoothQuant is not supported on Blackwell (SM 10.0+)" },
  int8_wo: { min: 70, below: 100, why: "INT8 weight-only is not supported on Blackwell (SM 10.0+)" },
  int4_wo: { min: 70, below: 100, why: "INT4 weight-only is not supported on Blackwell (SM 10.0+)" },
  int4_awq: { min: 80, below: 100, why: "INT4 AWQ (W4A16) needs SM 8.0-9.0: not on Blackwell" },
  w4a8_awq: { min: 89, below: 100, why: "W4A8 AWQ needs SM 8.9 or 9.0 (Ada, Hopper)" },
  nvfp4: { min: 100, why: "NVFP4 needs Blackwell (SM 10.0 or later)" }
};
function trtllmPrecisionProblem(precision2, gpu2) {
  if (gpu2.computeCapability === void 0) return void 0;
  const sm = smNumber(gpu2.computeCapability);
  const range = SM_RANGE[precision2];
  if (sm < range.min || range.below !== void 0 && sm >= range.below) {
    return `${range.why}; this GPU is SM ${gpu2.computeCapability}`;
  }
  return void 0;
}
var VLLM_MODELOPT = {
  fp8: { quantization: "modelopt", quantAlgo: "FP8", minSm: 89 },
  nvfp4: { quantization: "modelopt_fp4", quantAlgo: "NVFP4", minSm: 80 }
};
function vllmServesCheckpoint(precision2, vendor) {
  return vendor === "nvidia" && VLLM_MODELOPT[precision2] !== void 0;
}
function vllmPrecisionProblem(precision2, gpu2) {
  if (precision2 === "fp16" || precision2 === "bf16") return void 0;
  if (precision2 === "nvfp4" && gpu2.vendor !== "nvidia") return "NVFP4 is an NVIDIA format; vLLM on ROCm cannot serve it";
  if (precision2 === "fp8" && gpu2.vendor !== "nvidia") return void 0;
  const modelopt = VLLM_MODELOPT[precision2];
  if (modelopt === void 0) {
    return `vLLM cannot serve ${precision2}: its ModelOpt loader reads only FP8 and NVFP4 checkpoints, and an image of the unquantized weights would be mislabelled`;
  }
  if (gpu2.computeCapability !== void 0 && smNumber(gpu2.computeCapability) < modelopt.minSm) {
    return `vLLM's ${modelopt.quantization} loader needs SM ${Math.floor(modelopt.minSm / 10)}.${modelopt.minSm % 10} or later; this GPU is SM ${gpu2.computeCapability}`;
  }
  return void 0;
}

// src/core/rules.ts
var LAST_TENSORRT_BACKEND = "1.3.0rc20";
var MEMORY_HEADROOM = 0.1;
var nvidiaOnly = (c) => c.facts.vendor === "nvidia" ? void 0 : `TensorRT-LLM runs on NVIDIA GPUs only (${c.gpu} is ${c.facts.vendor.toUpperCase()}); its vLLM image is still built`;
var precisionOnGpu = (c) => {
  const problem = trtllmPrecisionProblem(c.precision, c.facts);
  return problem === void 0 ? void 0 : `${problem} (${c.gpu})`;
};
var tpWithinRunner = (c) => c.tp <= c.count ? void 0 : `tp ${c.tp} needs ${c.tp} GPUs but a ${c.gpu} runner has ${c.count} (gpus.${c.gpu}.count)`;
var weightsFit = (c) => {
  if (c.params === void 0) return void 0;
  const perGpu = c.params * BYTES_PER_PARAM[c.precision] / c.tp;
  const usable = c.facts.memoryGb * (1 - MEMORY_HEADROOM);
  if (perGpu <= usable) return void 0;
  return `weights need ${perGpu.toFixed(1)} GB per GPU (${c.params}B params \xD7 ${BYTES_PER_PARAM[c.precision]} bytes \xF7 tp ${c.tp}) but a ${c.gpu} has ${c.facts.memoryGb} GB, ${usable.toFixed(1)} GB usable after ${MEMORY_HEADROOM * 100}% headroom`;
};
var vllmPrecision = (c) => vllmPrecisionProblem(c.precision, c.facts);
var ENGINE_RULES = [nvidiaOnly, precisionOnGpu, tpWithinRunner, weightsFit];
var IMAGE_RULES = [vllmPrecision, tpWithinRunner, weightsFit];
function firstProblems(rules, input) {
  const reasons = rules.map((rule) => rule(input)).filter((r) => r !== void 0);
  return reasons.length > 0 ? reasons.join("; ") : void 0;
}

// src/core/checkpoints.ts
var CHECKPOINT_REQUIRED_FILES = ["config.json", "hf_quant_config.json"];
var DEFAULT_CALIBRATION = { dataset: "cnn_dailymail", size: 512 };
var CALIBRATED_PRECISIONS = ["fp8", "int8_sq", "int4_awq", "w4a8_awq", "nvfp4"];
var WEIGHT_ONLY_PRECISIONS = ["int8_wo", "int4_wo"];
function engineNeedsCheckpoint(precision2, backend) {
  if (CALIBRATED_PRECISIONS.includes(precision2)) return true;
  return WEIGHT_ONLY_PRECISIONS.includes(precision2) && backend === "pytorch";
}
function checkpointId(model2, precision2) {
  return `${model2}/${precision2}`;
}
function calibrationOf(matrix, model2) {
  return matrix.models[model2]?.calibration ?? { ...DEFAULT_CALIBRATION };
}
function checkpointInputs(matrix, model2, precision2) {
  const spec = matrix.models[model2];
  const trtllm2 = matrix.toolchains.trtllm;
  const kv = spec["kv-cache-dtype"];
  const inputs = {
    source: spec.source,
    revision: spec.revision,
    precision: precision2,
    calibration: calibrationOf(matrix, model2),
    trtllm: trtllm2.version,
    "trtllm-image": trtllm2.image,
    backend: trtllm2.backend
  };
  if (kv !== void 0 && kv !== "auto") inputs["kv-cache-dtype"] = kv;
  if (spec["trust-remote-code"] !== void 0) inputs["trust-remote-code"] = spec["trust-remote-code"];
  return inputs;
}
function calibrationGpu(matrix, model2, precision2, families) {
  const params = matrix.models[model2]?.params;
  const needGb = params === void 0 ? void 0 : params * BYTES_PER_PARAM.bf16;
  const refused = [];
  const fits = [];
  for (const gpu2 of [...new Set(families)].sort()) {
    const facts = gpuFacts(matrix, gpu2);
    const count = matrix.gpus[gpu2]?.count ?? 1;
    if (facts.vendor !== "nvidia") {
      refused.push(`${gpu2} is ${facts.vendor.toUpperCase()} (ModelOpt calibrates on NVIDIA GPUs)`);
      continue;
    }
    const problem = trtllmPrecisionProblem(precision2, facts);
    if (problem !== void 0) {
      refused.push(`${gpu2}: ${problem}`);
      continue;
    }
    const usable = facts.memoryGb * (1 - MEMORY_HEADROOM);
    const gpuCount = needGb === void 0 ? 1 : Math.ceil(needGb / usable);
    if (gpuCount > count) {
      refused.push(`${gpu2}: ${count} \xD7 ${facts.memoryGb} GB cannot hold ${needGb.toFixed(0)} GB of BF16 weights`);
      continue;
    }
    fits.push({ gpu: gpu2, memoryGb: facts.memoryGb, count, gpuCount });
  }
  fits.sort((a, b) => b.memoryGb - a.memoryGb || b.count - a.count || (a.gpu < b.gpu ? -1 : a.gpu > b.gpu ? 1 : 0));
  const best = fits[0];
  if (best === void 0) {
    return { unsupported: `no GPU family of its cells can calibrate ${precision2}${needGb === void 0 ? "" : ` (${params}B params need ${needGb.toFixed(0)} GB in BF16)`}: ${refused.join("; ")}` };
  }
  return { gpu: best.gpu, runsOn: matrix.gpus[best.gpu]["runs-on"], gpuCount: best.gpuCount };
}
function deriveCheckpoints(matrix, engines) {
  const backend = matrix.toolchains.trtllm.backend;
  const groups = /* @__PURE__ */ new Map();
  for (const cell of engines) {
    if (!engineNeedsCheckpoint(cell.precision, backend)) continue;
    const id = checkpointId(cell.model, cell.precision);
    const users = groups.get(id) ?? [];
    users.push(cell);
    groups.set(id, users);
  }
  const checkpoints = [];
  for (const [id, users] of groups) {
    const { model: model2, precision: precision2 } = users[0];
    const spec = matrix.models[model2];
    const inputs = checkpointInputs(matrix, model2, precision2);
    const where = calibrationGpu(matrix, model2, precision2, users.map((u) => u.gpu));
    checkpoints.push({
      id,
      model: model2,
      version: spec.version,
      source: spec.source,
      revision: spec.revision,
      precision: precision2,
      calibration: calibrationOf(matrix, model2),
      ..."unsupported" in where ? { gpu: "", runsOn: [], gpuCount: 0 } : where,
      cells: users.map((u) => u.id).sort(),
      ...fingerprint("checkpoint", inputs),
      inputs,
      ..."unsupported" in where ? { unsupported: where.unsupported } : {}
    });
  }
  return checkpoints.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
function quantConfigProblem(text, expectedAlgo) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "hf_quant_config.json is not JSON";
  }
  const quantization = parsed?.quantization;
  const algo = typeof quantization === "object" && quantization !== null ? quantization.quant_algo : void 0;
  if (typeof algo !== "string") return "hf_quant_config.json has no quantization.quant_algo";
  return algo.toUpperCase() === expectedAlgo ? void 0 : `hf_quant_config.json says quant_algo ${JSON.stringify(algo)}, not ${expectedAlgo}`;
}

// src/core/schema.ts
var name = external_exports.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' });
var labels = external_exports.array(external_exports.string().min(1)).min(1);
var semverText = external_exports.string({ error: "must be a semver version such as 1.4.0 (quote it in YAML)" }).regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, {
  error: "must be a semver version MAJOR.MINOR.PATCH such as 1.4.0"
});
var BATCH_MAX = 2048;
var batchRange = external_exports.string({ error: 'must be a batch range "min-max" such as "1-64"' }).regex(/^\d+-\d+$/, { error: 'must be a batch range "min-max" such as "1-64"' }).refine(
  (text) => {
    const [min, max] = text.split("-").map(Number);
    return min >= 1 && min <= max && max <= BATCH_MAX;
  },
  { error: `must satisfy 1 \u2264 min \u2264 max \u2264 ${BATCH_MAX}` }
).meta({ description: `Batch range "min-max", 1 \u2264 min \u2264 max \u2264 2048; the maximum is the engine's max_batch_size.` });
var tp = external_exports.number({ error: "must be a whole number of GPUs \u2265 1" }).int({ error: "must be a whole number of GPUs \u2265 1" }).min(1, { error: "must be at least 1" });
var precision = external_exports.enum(PRECISIONS);
var flags = external_exports.record(external_exports.string().regex(/^[a-z][a-z0-9_-]*$/), external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()])).meta({ description: "Extra trtllm-build / serving flags (name without dashes \u2192 value); part of the fingerprint." });
var trtllm = external_exports.strictObject({
  version: external_exports.string().min(1).meta({ description: "TensorRT-LLM version (PEP 440, e.g. 1.2.0 or 1.3.0rc20)." }),
  image: external_exports.string().min(1).meta({ description: "Container image the build runs in; pin by digest for exact rebuilds." }),
  backend: external_exports.enum(["pytorch", "tensorrt"]).default("pytorch").meta({
    description: '"tensorrt" builds compiled engines (TensorRT-LLM \u2264 1.3.0rc20 only); "pytorch" prepares checkpoints and serving configs.'
  }),
  "build-flags": flags.optional()
});
var vllm = external_exports.strictObject({
  version: external_exports.string().min(1).meta({ description: "vLLM version, recorded in labels and the fingerprint." }),
  image: external_exports.string().min(1).meta({ description: "CUDA base image, e.g. vllm/vllm-openai:v0.11.0." }),
  "rocm-image": external_exports.string().min(1).optional().meta({ description: "ROCm base image for AMD GPUs, e.g. vllm/vllm-openai-rocm:v0.11.0." }),
  "bake-weights": external_exports.boolean().default(false).meta({ description: "Download the weights into the image at build time." }),
  "runs-on": labels.default(["ubuntu-latest"]).meta({ description: "Runner labels for image jobs." })
});
var serving = external_exports.strictObject({
  serverless: external_exports.enum(["runpod"]).optional().meta({
    description: "Makes every serving image (vLLM and TensorRT-LLM) a Runpod Serverless worker as well: a queue handler and a load-balancing mode, chosen at run time by ENGINE_FORGE_MODE."
  }),
  "runs-on": labels.optional().meta({ description: "Runner labels of the engine-image jobs (default: toolchains.vllm.runs-on); they need disk for the artifact, no GPU." }),
  artifact: external_exports.enum(["bake", "fetch"]).default("bake").meta({
    description: 'Engine images: "bake" puts the artifact in the image (one layer); "fetch" keeps the image thin and downloads the artifact at start from ENGINE_FORGE_ARTIFACT_URL, verified against the manifest baked in (backend tensorrt only).'
  })
});
var gpu = external_exports.strictObject({
  "runs-on": labels.meta({ description: "Labels of the self-hosted runners that have this GPU." }),
  count: external_exports.number().int().min(1).max(72).meta({ description: "GPUs per runner: the largest tensor parallelism it can run." }),
  vendor: external_exports.enum(["nvidia", "amd"]).optional().meta({ description: "Only for families outside the built-in catalogue." }),
  "compute-capability": external_exports.string().regex(/^\d+\.\d$/).optional().meta({ description: 'NVIDIA compute capability, e.g. "9.0" (custom families).' }),
  "memory-gb": external_exports.number().positive().optional().meta({ description: "Memory per GPU in GB (custom families)." }),
  "smi-names": external_exports.array(external_exports.string().min(1)).optional().meta({ description: "Product names nvidia-smi reports for this family (custom families)." })
});
var model = external_exports.strictObject({
  source: external_exports.string().regex(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/, { error: 'must be a Hugging Face repo id "org/name"' }).meta({ description: "Hugging Face repo id." }),
  revision: external_exports.string({ error: "must be a full 40-character commit SHA" }).regex(/^[0-9a-f]{40}$/, {
    error: "must be a full 40-character commit SHA: a branch or tag name moves, which makes the build unreproducible"
  }).meta({ description: "Exact commit SHA of the Hugging Face repo." }),
  version: semverText.meta({ description: "Semver of this model in your fleet; bump it to ship a new revision." }),
  "max-input-len": external_exports.number().int().min(1).meta({ description: "Longest prompt, in tokens." }),
  "max-seq-len": external_exports.number().int().min(2).meta({ description: "Longest prompt + output, in tokens; must exceed max-input-len." }),
  params: external_exports.number().positive().optional().meta({ description: "Parameters in billions; enables the memory-fit check." }),
  "kv-cache-dtype": external_exports.enum(["auto", "fp8", "int8"]).optional(),
  calibration: external_exports.strictObject({ dataset: external_exports.string().min(1), size: external_exports.number().int().min(1) }).optional().meta({ description: "Calibration data of the quantized checkpoints: a dataset id or a file in the repository, and how many samples (default cnn_dailymail, 512); part of their fingerprint." }),
  "trust-remote-code": external_exports.boolean().optional(),
  "build-flags": flags.optional()
});
var axisKeys = {
  model: external_exports.array(name).min(1).optional(),
  gpu: external_exports.array(name).min(1).optional(),
  precision: external_exports.array(precision).min(1).optional(),
  batch: external_exports.array(batchRange).min(1).optional(),
  tp: external_exports.array(tp).min(1).optional()
};
var combination = external_exports.strictObject({
  model: name.optional(),
  gpu: name.optional(),
  precision: precision.optional(),
  batch: batchRange.optional(),
  tp: tp.optional()
});
var AXES = ["model", "gpu", "precision", "batch", "tp"];
var MatrixSchema = external_exports.strictObject({
  $schema: external_exports.string().optional(),
  version: external_exports.literal(1, { error: "must be 1" }),
  toolchains: external_exports.strictObject({ trtllm, vllm }),
  serving: serving.optional().meta({ description: "How the serving images are built and started: Runpod Serverless workers, the runners of engine-image jobs." }),
  gpus: external_exports.record(name, gpu).meta({ description: "GPU families from the built-in catalogue (or your own, with their facts) and their runners." }),
  models: external_exports.record(name, model),
  matrix: external_exports.strictObject({ ...axisKeys, exclude: external_exports.array(combination).optional(), include: external_exports.array(combination).optional() }).meta({ description: "GitHub Actions strategy.matrix semantics: cartesian product of the axes, then exclude, then include." })
}).meta({ title: "engine-forge matrix", description: "Model \xD7 GPU \xD7 precision \xD7 batch \xD7 TP matrix for engine-forge, version 1." });

// src/core/cells.ts
var IMAGE_RECIPE_VERSION = 2;
function cellId(c) {
  return `${c.model}/${c.gpu}/${c.precision}/tp${c.tp}/b${c.batch}`;
}
function imageId(model2, precision2, vendor) {
  return `${model2}/${precision2}/${vendor}`;
}
function combinations(matrix) {
  const section = matrix.matrix;
  const axes = AXES.filter((axis) => section[axis] !== void 0).map((axis) => [axis, section[axis]]);
  const raw = expandMatrix({ axes, exclude: section.exclude ?? [], include: section.include ?? [] });
  const combos = [];
  const incomplete = [];
  for (const c of raw) {
    if (AXES.every((axis) => c[axis] !== void 0)) combos.push(c);
    else incomplete.push(c);
  }
  return { combos, incomplete };
}
function deriveCells(matrix) {
  const byId = /* @__PURE__ */ new Map();
  const imageProblems = /* @__PURE__ */ new Map();
  const trtllm2 = matrix.toolchains.trtllm;
  for (const combo of combinations(matrix).combos) {
    const id = cellId(combo);
    if (byId.has(id)) continue;
    const model2 = matrix.models[combo.model];
    const gpu2 = matrix.gpus[combo.gpu];
    const facts = gpuFacts(matrix, combo.gpu);
    const [min, max] = combo.batch.split("-").map(Number);
    const inputs = dropUndefined({
      source: model2.source,
      revision: model2.revision,
      version: model2.version,
      "max-input-len": model2["max-input-len"],
      "max-seq-len": model2["max-seq-len"],
      "kv-cache-dtype": model2["kv-cache-dtype"],
      "trust-remote-code": model2["trust-remote-code"],
      gpu: combo.gpu,
      "compute-capability": facts.computeCapability,
      precision: combo.precision,
      batch: combo.batch,
      tp: combo.tp,
      trtllm: trtllm2.version,
      "trtllm-image": trtllm2.image,
      backend: trtllm2.backend,
      "build-flags": mergeFlags(trtllm2["build-flags"], model2["build-flags"])
    });
    const rule = { gpu: combo.gpu, facts, count: gpu2.count, precision: combo.precision, tp: combo.tp, trtllm: trtllm2, ...model2.params !== void 0 ? { params: model2.params } : {} };
    const unsupported = firstProblems(ENGINE_RULES, rule);
    const cell = {
      id,
      model: combo.model,
      version: model2.version,
      source: model2.source,
      revision: model2.revision,
      gpu: combo.gpu,
      vendor: facts.vendor,
      precision: combo.precision,
      tp: combo.tp,
      batch: { min, max },
      maxInputLen: model2["max-input-len"],
      maxSeqLen: model2["max-seq-len"],
      runsOn: gpu2["runs-on"],
      inputs,
      ...unsupported !== void 0 ? { unsupported } : {}
    };
    byId.set(id, cell);
    imageProblems.set(id, firstProblems(IMAGE_RULES, rule));
  }
  const drafts = [...byId.values()].sort((a, b) => compareText(a.id, b.id));
  const checkpoints = deriveCheckpoints(matrix, drafts);
  const checkpointById = new Map(checkpoints.map((c) => [c.id, c]));
  const backend = trtllm2.backend;
  const imageCells = /* @__PURE__ */ new Map();
  const engines = drafts.map((draft) => {
    const checkpoint = engineNeedsCheckpoint(draft.precision, backend) ? checkpointById.get(checkpointId(draft.model, draft.precision)) : void 0;
    const cell = withCheckpoint(draft, checkpoint);
    const group2 = imageId(cell.model, cell.precision, cell.vendor);
    const members = imageCells.get(group2) ?? [];
    members.push({ cell, imageProblem: imageProblems.get(cell.id) });
    imageCells.set(group2, members);
    return cell;
  });
  const images = [...imageCells.entries()].map(([id, members]) => imageSpec(matrix, id, members, checkpointById)).sort((a, b) => compareText(a.id, b.id));
  return { engines, images, checkpoints: withoutIdleCheckpoints(checkpoints, engines, images) };
}
function withCheckpoint(draft, checkpoint) {
  if (checkpoint === void 0) return { ...draft, ...fingerprint("engine", draft.inputs) };
  const inputs = { ...draft.inputs, calibration: checkpoint.calibration, checkpoint: checkpoint.id, "checkpoint-fingerprint": checkpoint.fingerprint };
  const unsupported = draft.unsupported ?? (checkpoint.unsupported !== void 0 ? `its checkpoint ${checkpoint.id} cannot be made: ${checkpoint.unsupported}` : void 0);
  return { ...draft, checkpoint: checkpoint.id, ...fingerprint("engine", inputs), inputs, ...unsupported !== void 0 ? { unsupported } : {} };
}
function withoutIdleCheckpoints(checkpoints, engines, images) {
  const used = /* @__PURE__ */ new Set();
  for (const e of engines) if (e.checkpoint !== void 0 && e.unsupported === void 0) used.add(e.checkpoint);
  for (const i of images) if (i.checkpoint !== void 0 && i.unsupported === void 0) used.add(i.checkpoint.id);
  return checkpoints.map((c) => {
    if (c.unsupported !== void 0 || used.has(c.id)) return c;
    const reason = engines.find((e) => e.checkpoint === c.id)?.unsupported ?? "no cell uses it";
    return { ...c, unsupported: `no supported cell or image would use it (${c.cells[0] ?? c.id}: ${reason})` };
  });
}
function imageSpec(matrix, id, members, checkpoints) {
  const first = members[0].cell;
  const vllm2 = matrix.toolchains.vllm;
  const model2 = matrix.models[first.model];
  const servable = members.filter((m) => m.imageProblem === void 0).map((m) => m.cell);
  const basis = servable.length > 0 ? servable : members.map((m) => m.cell);
  const baseImage = first.vendor === "amd" ? vllm2["rocm-image"] : vllm2.image;
  const checkpoint = vllmServesCheckpoint(first.precision, first.vendor) ? checkpoints.get(checkpointId(first.model, first.precision)) : void 0;
  let unsupported;
  if (servable.length === 0) unsupported = `no cell of this image can be served: ${members[0].imageProblem}`;
  else if (baseImage === void 0) unsupported = "toolchains.vllm.rocm-image is not set, so there is no ROCm base image for AMD GPUs";
  else if (vllmServesCheckpoint(first.precision, first.vendor) && checkpoint === void 0) unsupported = `no ${first.precision} checkpoint is derived for ${first.model}, and vLLM must not serve unquantized weights as ${first.precision}`;
  else if (checkpoint?.unsupported !== void 0) unsupported = `its checkpoint ${checkpoint.id} cannot be made: ${checkpoint.unsupported}`;
  const spec = {
    id,
    model: first.model,
    version: first.version,
    source: first.source,
    revision: first.revision,
    precision: first.precision,
    vendor: first.vendor,
    baseImage: baseImage ?? "",
    vllmVersion: vllm2.version,
    maxModelLen: first.maxSeqLen,
    maxNumSeqs: Math.max(...basis.map((c) => c.batch.max)),
    tensorParallelSize: Math.min(...basis.map((c) => c.tp)),
    // The checkpoint exists only in the store, which a serving container cannot reach: it is baked in.
    bakeWeights: checkpoint !== void 0 || vllm2["bake-weights"],
    trustRemoteCode: model2["trust-remote-code"] ?? false,
    runsOn: vllm2["runs-on"],
    cells: members.map((m) => m.cell.id).sort(compareText),
    ...checkpoint !== void 0 ? { checkpoint: { id: checkpoint.id, fingerprint: checkpoint.fingerprint } } : {},
    ...matrix.serving?.serverless !== void 0 ? { serverless: matrix.serving.serverless } : {}
  };
  const inputs = dropUndefined({
    recipe: IMAGE_RECIPE_VERSION,
    source: spec.source,
    revision: spec.revision,
    version: spec.version,
    precision: spec.precision,
    vendor: spec.vendor,
    vllm: spec.vllmVersion,
    "vllm-image": spec.baseImage,
    "max-model-len": spec.maxModelLen,
    "max-num-seqs": spec.maxNumSeqs,
    "tensor-parallel-size": spec.tensorParallelSize,
    "kv-cache-dtype": model2["kv-cache-dtype"],
    "trust-remote-code": model2["trust-remote-code"],
    "bake-weights": spec.bakeWeights,
    checkpoint: spec.checkpoint?.id,
    "checkpoint-fingerprint": spec.checkpoint?.fingerprint,
    // Absent unless set, so images of a matrix without serverless workers keep their fingerprints.
    serverless: spec.serverless,
    worker: spec.serverless !== void 0 ? SERVERLESS_WORKER_VERSION : void 0
  });
  return { ...spec, ...fingerprint("image", inputs), inputs, ...unsupported !== void 0 ? { unsupported } : {} };
}
function mergeFlags(a, b) {
  return a === void 0 && b === void 0 ? void 0 : { ...a, ...b };
}
function dropUndefined(inputs) {
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== void 0));
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/core/parse.ts
var import_yaml = __toESM(require_dist(), 1);

// src/core/pep440.ts
var PATTERN = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/i;
function parsePep440(text) {
  const m = PATTERN.exec(text.trim());
  if (!m) return void 0;
  const version = { release: m[1].split(".").map(Number) };
  if (m[2] !== void 0) {
    const tag = m[2].toLowerCase();
    const phase = tag.startsWith("a") ? 0 : tag.startsWith("b") ? 1 : 2;
    version.pre = { phase, n: Number(m[3] || 0) };
  }
  if (m[4] !== void 0) version.post = Number(m[4] || 0);
  if (m[5] !== void 0) version.dev = Number(m[5] || 0);
  return version;
}
function comparePep440(a, b) {
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const diff = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (diff !== 0) return diff;
  }
  const rank = (v) => [
    v.pre ? v.pre.phase : v.dev !== void 0 && v.post === void 0 ? -1 : 3,
    v.pre ? v.pre.n : 0,
    v.post ?? -1,
    v.dev ?? Infinity
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) {
    if (ra[i] < rb[i]) return -1;
    if (ra[i] > rb[i]) return 1;
  }
  return 0;
}

// src/core/parse.ts
var DEFAULT_MAX_CELLS = 1e4;
var Located = class {
  constructor(file, text) {
    this.file = file;
    this.text = text;
    this.doc = (0, import_yaml.parseDocument)(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false, strict: true });
    this.data = this.doc.errors.length === 0 ? this.doc.toJS({ maxAliasCount: 100 }) : void 0;
  }
  file;
  text;
  data;
  lines = new import_yaml.LineCounter();
  doc;
  /** 1-based line and column of the node at `path` (or its key), falling back to the nearest ancestor. */
  position(path21, atKey = false) {
    let node = this.doc.contents;
    let offset = this.doc.contents?.range?.[0] ?? 0;
    for (let i = 0; i < path21.length; i++) {
      const segment = path21[i];
      let next;
      if ((0, import_yaml.isMap)(node)) {
        const pair = node.items.find((item) => (0, import_yaml.isPair)(item) && (0, import_yaml.isScalar)(item.key) && String(item.key.value) === String(segment));
        if (pair && (0, import_yaml.isPair)(pair)) {
          const last = i === path21.length - 1;
          const keyNode = pair.key;
          if (last && atKey && keyNode.range) offset = keyNode.range[0];
          else if (keyNode.range) offset = keyNode.range[0];
          next = last && atKey ? void 0 : pair.value;
        }
      } else if ((0, import_yaml.isSeq)(node) && typeof segment === "number") {
        next = node.items[segment];
      }
      if (next === void 0) break;
      const range = next.range;
      if (range) offset = range[0];
      node = next;
    }
    return this.lines.linePos(offset);
  }
  /** A YAML syntax error, located; duplicate keys name the key, since that is what to fix. */
  yamlProblem(error) {
    const { line, col } = this.lines.linePos(error.pos[0]);
    const first = (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, "");
    if (error.code === "DUPLICATE_KEY") {
      const rest = this.text.slice(error.pos[0]);
      const key = (/^("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(rest)?.[1] ?? rest.split("\n")[0] ?? "").replace(/^["']|["']$/g, "");
      return `${this.file}:${line}:${col} ${key}: duplicate key \u2014 each model, GPU family and setting may appear only once (got '${key}')`;
    }
    return `${this.file}:${line}:${col} (yaml): ${first}`;
  }
  /** The scalar at `path` exactly as written in the file (a number YAML rounded, a quoted digit string). */
  sourceAt(path21) {
    let node = this.doc.contents;
    for (const segment of path21) {
      if ((0, import_yaml.isMap)(node)) {
        const pair = node.items.find((item) => (0, import_yaml.isPair)(item) && (0, import_yaml.isScalar)(item.key) && String(item.key.value) === String(segment));
        node = pair && (0, import_yaml.isPair)(pair) ? pair.value : void 0;
      } else if ((0, import_yaml.isSeq)(node) && typeof segment === "number") {
        node = node.items[segment];
      } else {
        return void 0;
      }
    }
    if (!(0, import_yaml.isScalar)(node) || typeof node.source !== "string") return void 0;
    return { text: node.source, quoted: node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" };
  }
  valueAt(path21) {
    let value = this.data;
    for (const segment of path21) {
      if (value === null || typeof value !== "object") return void 0;
      value = value[segment];
    }
    return value;
  }
  format(problem) {
    const { line, col } = this.position(problem.path, problem.atKey);
    const key = renderPath(problem.path);
    const got = problem.got !== void 0 ? ` (got ${problem.got})` : problem.showValue ? ` (got ${quote(this.valueAt(problem.path))})` : "";
    return `${this.file}:${line}:${col} ${key}: ${problem.message}${got}`;
  }
};
function renderPath(path21) {
  let out = "";
  for (const segment of path21) out += typeof segment === "number" ? `[${segment}]` : out === "" ? segment : `.${segment}`;
  return out === "" ? "(top level)" : out;
}
function parseMatrix(file, text, maxCells = DEFAULT_MAX_CELLS) {
  const located = new Located(file, text);
  if (located.doc.errors.length > 0) {
    return { problems: located.doc.errors.map((e) => located.yamlProblem(e)) };
  }
  if (located.data === null || typeof located.data !== "object" || Array.isArray(located.data)) {
    return { problems: [`${file}:1:1 (top level): must be a mapping with version, toolchains, gpus, models and matrix (got ${quote(located.data ?? "")})`] };
  }
  const parsed = MatrixSchema.safeParse(located.data);
  const problems = [];
  if (parsed.success) problems.push(...crossChecks(parsed.data, maxCells));
  else problems.splice(0, problems.length, ...parsed.error.issues.flatMap((issue) => zodProblems(issue, located)));
  const formatted = sortByPosition(located, problems);
  return parsed.success && formatted.length === 0 ? { matrix: parsed.data, problems: [] } : { problems: formatted };
}
function sortByPosition(located, problems) {
  const seen = /* @__PURE__ */ new Set();
  return problems.map((p) => ({ p, pos: located.position(p.path, p.atKey), text: located.format(p) })).sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col).map((x) => x.text).filter((t) => seen.has(t) ? false : (seen.add(t), true));
}
function schemaAt(path21) {
  let schema = MatrixSchema;
  for (const segment of path21) {
    schema = unwrap(schema);
    const def = schema._zod.def;
    if (def.type === "object" && def.shape) {
      const next = def.shape[String(segment)];
      if (next === void 0) return void 0;
      schema = next;
    } else if (def.type === "record" && def.valueType) schema = def.valueType;
    else if (def.type === "array" && def.element) schema = def.element;
    else return void 0;
  }
  return schema;
}
function knownKeysAt(path21) {
  const schema = schemaAt(path21);
  const def = schema === void 0 ? void 0 : unwrap(schema)._zod.def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}
function validAt(path21, value) {
  const schema = schemaAt(path21);
  return schema !== void 0 && external_exports.safeParse(schema, value).success;
}
function unwrap(schema) {
  let current = schema;
  for (; ; ) {
    const def = current._zod.def;
    if ((def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}
function zodProblems(issue, located) {
  const path21 = issue.path.filter((s3) => typeof s3 !== "symbol");
  const value = located.valueAt(path21);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(path21);
      return issue.keys.map((key) => ({
        path: [...path21, key],
        atKey: true,
        message: `unknown key${didYouMean(key, known)}${known.length > 0 && !didYouMean(key, known) ? `; expected one of ${known.filter((k) => k !== "$schema").join(", ")}` : ""}`
      }));
    }
    case "invalid_type": {
      if (value === void 0) return [{ path: path21, message: "is required" }];
      const written = located.sourceAt(path21);
      if (typeof value === "number" && issue.expected === "string" && written && !written.quoted) {
        const key = path21.at(-1);
        if (validAt(path21, written.text)) return [{ path: path21, message: `YAML read this as a number: quote it, as in ${typeof key === "string" ? `${key}: ` : ""}"${written.text}"` }];
        return [{ path: path21, message: issue.message.startsWith("Invalid input") ? "must be a string" : issue.message, got: quote(written.text) }];
      }
      if (typeof value === "string" && issue.expected === "number" && written?.quoted && value.trim() !== "" && validAt(path21, Number(value))) {
        return [{ path: path21, message: "is a string, not a number: remove the quotes", got: `"${written.text}"` }];
      }
      return [{ path: path21, message: issue.message.startsWith("Invalid input") ? `must be a ${issue.expected}` : issue.message, showValue: true }];
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      const text = issue.origin === "array" ? `must have ${word} ${bound} item${Number(bound) === 1 ? "" : "s"}` : issue.origin === "string" ? issue.message : `must be ${word} ${bound}`;
      return [{ path: path21, message: issue.message.startsWith("Too ") ? text : issue.message, showValue: true }];
    }
    case "invalid_value": {
      const options = issue.values.map(String);
      const got = String(value ?? "");
      const what = path21.includes("precision") ? "unknown precision" : "must be";
      const list = options.join(", ");
      return [{ path: path21, message: `${what === "must be" ? `must be one of ${list}` : `${what}${didYouMean(got, options) || `; expected one of ${list}`}`}`, showValue: true }];
    }
    default:
      return [{ path: path21, message: issue.message, showValue: true }];
  }
}
function crossChecks(m, maxCells) {
  const problems = [];
  const tensorrt = tensorrtBackendProblem(m.toolchains.trtllm);
  if (tensorrt) problems.push(tensorrt);
  const catalogue = Object.keys(GPU_CATALOGUE);
  for (const [family, spec] of Object.entries(m.gpus)) {
    if (family in GPU_CATALOGUE) continue;
    const missing = [spec.vendor === void 0 ? "vendor" : "", spec["memory-gb"] === void 0 ? "memory-gb" : "", spec.vendor === "nvidia" && spec["compute-capability"] === void 0 ? "compute-capability" : ""].filter(Boolean);
    if (missing.length > 0) {
      problems.push({
        path: ["gpus", family],
        atKey: true,
        message: `unknown GPU family${didYouMean(family, catalogue)}; built-in families are ${catalogue.join(", ")} \u2014 to declare your own, give ${missing.join(", ")}`
      });
    }
  }
  for (const [name2, model2] of Object.entries(m.models)) {
    if (model2["max-input-len"] >= model2["max-seq-len"]) {
      problems.push({ path: ["models", name2, "max-input-len"], message: `must be less than max-seq-len (${model2["max-seq-len"]})`, showValue: true });
    }
  }
  const section = m.matrix;
  const axes = AXES.filter((axis) => section[axis] !== void 0);
  const checkReference = (path21, axis, value) => {
    const defined = axis === "model" ? Object.keys(m.models) : Object.keys(m.gpus);
    if (defined.includes(value)) return;
    const where = axis === "model" ? "models" : "gpus";
    let hint;
    if (axis === "gpu" && value in GPU_CATALOGUE) {
      const typo = closest(value, defined);
      hint = `; ${value} is built in: add it under gpus with its runs-on labels${typo ? ` (or is gpus.${typo} a typo of it?)` : ""}`;
    } else {
      hint = didYouMean(value, axis === "gpu" ? [...defined, ...catalogue] : defined);
    }
    problems.push({ path: path21, message: `${axis === "model" ? "model" : "GPU family"} is not defined under ${where}${hint}`, showValue: true });
  };
  for (const axis of ["model", "gpu"]) {
    section[axis]?.forEach((value, i) => checkReference(["matrix", axis, i], axis, value));
  }
  for (const list of ["exclude", "include"]) {
    section[list]?.forEach((entry, i) => {
      if (entry.model !== void 0) checkReference(["matrix", list, i, "model"], "model", entry.model);
      if (entry.gpu !== void 0) checkReference(["matrix", list, i, "gpu"], "gpu", entry.gpu);
      if (list === "exclude") {
        for (const key of Object.keys(entry)) {
          if (!axes.includes(key)) {
            problems.push({ path: ["matrix", "exclude", i, key], atKey: true, message: `exclude names '${key}', which is not an axis of this matrix (axes: ${axes.join(", ") || "none"})` });
          }
        }
      }
    });
  }
  const includes = section.include?.length ?? 0;
  const product = axes.length === 0 ? 0 : axes.reduce((n, axis) => n * (section[axis]?.length ?? 1), 1);
  if (product + includes === 0) {
    problems.push({ path: ["matrix"], message: "the matrix is empty: give at least one axis (model, gpu, precision, batch, tp) or an include" });
  } else if (product + includes > maxCells) {
    problems.push({
      path: ["matrix"],
      message: `expands to ${product + includes} combinations, more than the limit of ${maxCells} (raise max-cells if this is intended)`
    });
  }
  return problems;
}
function tensorrtBackendProblem(trtllm2) {
  if (trtllm2.backend !== "tensorrt") return void 0;
  const path21 = ["toolchains", "trtllm", "version"];
  const version = parsePep440(trtllm2.version);
  if (version === void 0) {
    return { path: path21, message: `must be a PEP 440 version such as ${LAST_TENSORRT_BACKEND}, to tell whether it still has backend 'tensorrt'`, showValue: true };
  }
  if (comparePep440(version, parsePep440(LAST_TENSORRT_BACKEND)) <= 0) return void 0;
  return {
    path: path21,
    message: `backend 'tensorrt' was removed after TensorRT-LLM ${LAST_TENSORRT_BACKEND}: pin version \u2264 ${LAST_TENSORRT_BACKEND}, or use backend 'pytorch'`,
    showValue: true
  };
}

// src/matrix-file.ts
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
async function loadMatrixFile(file, opts = {}) {
  const workspace = opts.workspace ?? process.cwd();
  const absolute = path.resolve(workspace, file);
  let real;
  let root;
  try {
    root = await realpath(workspace);
    real = await realpath(absolute);
  } catch (error) {
    const code2 = error.code;
    throw new UserError(code2 === "ENOENT" ? `matrix file ${quote(file)} does not exist (looked in ${workspace})` : `matrix file ${quote(file)} cannot be read: ${error.message}`);
  }
  const relative = path.relative(root, real);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new UserError(`matrix file ${quote(file)} is outside the workspace ${root}; keep matrix files in the repository`);
  }
  let bytes;
  try {
    bytes = await readFile(real);
  } catch (error) {
    throw new UserError(`matrix file ${quote(file)} cannot be read: ${error.message}`);
  }
  const text = decodeUtf8(file, bytes);
  const result3 = parseMatrix(file, text, opts.maxCells ?? DEFAULT_MAX_CELLS);
  if (!result3.matrix) {
    const n = result3.problems.length;
    throw new UserError(`${file} has ${n} problem${n === 1 ? "" : "s"}:`, result3.problems);
  }
  return { file, matrix: result3.matrix, text };
}
function decodeUtf8(file, bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const valid = (end) => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (valid(mid)) lo = mid;
      else hi = mid - 1;
    }
    let offset = lo;
    const complete = (end) => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
        return true;
      } catch {
        return false;
      }
    };
    while (offset > 0 && lo - offset < 3 && !complete(offset)) offset--;
    const line = bytes.subarray(0, offset).reduce((n, b) => n + (b === 10 ? 1 : 0), 1);
    throw new UserError(`${file}:${line}: not UTF-8 text (invalid byte at offset ${offset}); save the file as UTF-8`);
  }
}

// src/build/pipeline.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { copyFile as copyFile2, mkdir as mkdir3, readdir as readdir5, readFile as readFile7, rm as rm2, stat as stat4, writeFile as writeFile2 } from "node:fs/promises";
import path9 from "node:path";

// src/core/needs.ts
var GiB = 1024 ** 3;
var SOURCE_BYTES_PER_PARAM = 2;
var GPU_RUNTIME_OVERHEAD = 2 * GiB;
var HOST_BASE = 4 * GiB;
var DISK_SLACK = { fraction: 0.1, bytes: 1 * GiB };
var UNQUANTIZED = /* @__PURE__ */ new Set(["fp16", "bf16"]);
function decoderShape(config, where) {
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new UserError(`${where} is not a JSON object`);
  const outer = config;
  const c = typeof outer.text_config === "object" && outer.text_config !== null ? outer.text_config : outer;
  const hint = "set the model's `params` (billions) in the matrix instead";
  const int2 = (key, fallback) => {
    const value = c[key];
    if (value === void 0 || value === null) {
      if (fallback !== void 0) return fallback;
      throw new UserError(`${where} has no '${key}', so the model's size cannot be estimated: ${hint}`);
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new UserError(`${where}: '${key}' must be a positive integer (got ${JSON.stringify(value)}); ${hint}`);
    return value;
  };
  for (const key of ["num_experts", "n_routed_experts", "moe_intermediate_size"]) {
    if (c[key] !== void 0 && c[key] !== null && c[key] !== 0) throw new UserError(`${where} describes a mixture-of-experts layout ('${key}') this estimate does not know: ${hint}`);
  }
  const hidden = int2("hidden_size");
  const heads = int2("num_attention_heads");
  return {
    vocab: int2("vocab_size"),
    hidden,
    intermediate: int2("intermediate_size"),
    layers: int2("num_hidden_layers"),
    heads,
    kvHeads: int2("num_key_value_heads", heads),
    // Mistral-Nemo and Qwen3 set head_dim explicitly (≠ hidden / heads).
    headDim: int2("head_dim", Math.floor(hidden / heads)),
    tied: c.tie_word_embeddings === true,
    // Qwen2 always has q/k/v biases and does not say so; Llama says `attention_bias`.
    qkvBias: c.attention_bias === true || c.model_type === "qwen2",
    experts: int2("num_local_experts", 1)
  };
}
function paramsFromHfConfig(config, where = "config.json") {
  const s3 = decoderShape(config, where);
  const q = s3.heads * s3.headDim;
  const kv = s3.kvHeads * s3.headDim;
  const attention = s3.hidden * q + 2 * s3.hidden * kv + q * s3.hidden + (s3.qkvBias ? q + 2 * kv : 0);
  const mlp = s3.experts * 3 * s3.hidden * s3.intermediate + (s3.experts > 1 ? s3.hidden * s3.experts : 0);
  const layer = attention + mlp + 2 * s3.hidden;
  const embeddings = s3.vocab * s3.hidden * (s3.tied ? 1 : 2);
  return embeddings + s3.layers * layer + s3.hidden;
}
function estimateNeeds(input) {
  const where = input.configWhere ?? "config.json";
  const params = input.paramsBillions !== void 0 ? input.paramsBillions * 1e9 : input.config !== void 0 ? paramsFromHfConfig(input.config, where) : void 0;
  if (params === void 0) return { hostMemoryBytes: HOST_BASE, disk: [] };
  const tp2 = Math.max(1, input.tp);
  const source = params * SOURCE_BYTES_PER_PARAM;
  const checkpoint = params * BYTES_PER_PARAM[input.precision];
  const quantized = !UNQUANTIZED.has(input.precision);
  const calibrates = quantized && (input.quantizeHere ?? true);
  const engine = input.backend === "tensorrt";
  const rankWeights = checkpoint / tp2;
  const kv = input.config !== void 0 ? kvPerRank(input.config, where, tp2, input.maxSeqLen, input.kvCacheDtype) : 0.1 * rankWeights;
  const serve = rankWeights + kv + GPU_RUNTIME_OVERHEAD;
  const calibrate = calibrates ? source / tp2 + GPU_RUNTIME_OVERHEAD : 0;
  const loadsSource = engine || calibrates;
  const host = HOST_BASE + (loadsSource ? source : 0) + (engine ? Math.max(1, Math.min(input.workers ?? 1, tp2)) * rankWeights : 0);
  const slack = (bytes) => bytes === 0 ? 0 : Math.ceil(bytes * (1 + DISK_SLACK.fraction) + DISK_SLACK.bytes);
  const workDir = engine ? 2 * checkpoint : calibrates ? checkpoint : 0;
  const cacheDir = (input.sourceCached === true ? 0 : source) + (quantized && input.checkpointDownload === true ? checkpoint : 0);
  return {
    modelBytes: source,
    gpuMemoryBytes: Math.ceil(Math.max(serve, calibrate)),
    hostMemoryBytes: Math.ceil(host),
    disk: [
      { role: "cache-dir", bytes: slack(cacheDir) },
      { role: "work-dir", bytes: slack(workDir) }
    ]
  };
}
function kvPerRank(config, where, tp2, maxSeqLen, dtype) {
  const s3 = decoderShape(config, where);
  const bytes = dtype === "fp8" || dtype === "int8" ? 1 : 2;
  return 2 * s3.layers * Math.ceil(s3.kvHeads / tp2) * s3.headDim * maxSeqLen * bytes;
}

// src/core/runner-fit.ts
function runnerFamilies(matrix) {
  const families = {};
  for (const family of Object.keys(matrix.gpus)) families[family] = gpuFacts(matrix, family);
  for (const [family, facts] of Object.entries(GPU_CATALOGUE)) families[family] ??= facts;
  return families;
}
function checkRunner(cell, facts, needs, families) {
  const problems = [];
  const gpus = checkGpus(cell, facts, needs, families, problems);
  checkHostMemory(facts, needs, problems);
  checkDisks(facts, needs, problems);
  return { problems, gpus: problems.length === 0 ? gpus : [] };
}
function checkGpus(cell, facts, needs, families, problems) {
  const want = families[cell.gpu];
  const wanted = want && want.smiNames.length > 0 ? ` (${want.smiNames.join(" or ")})` : "";
  const elsewhere = cell.runsOn && cell.runsOn.length > 0 ? `; run it on a runner labelled ${JSON.stringify(cell.runsOn)}` : "";
  if (facts.gpus.length === 0) {
    problems.push(`cell ${cell.id} needs ${cell.tp} \xD7 ${cell.gpu}${wanted}, but nvidia-smi lists no GPU on this runner${elsewhere}`);
    return [];
  }
  const names = new Set((want?.smiNames ?? []).map((n) => n.toLowerCase()));
  const ours = facts.gpus.filter((g) => names.has(g.name.trim().toLowerCase()));
  if (ours.length === 0) {
    const unknown = facts.gpus.find((g) => familyForSmiName(g.name, families) === void 0);
    const advice = unknown ? `; if ${JSON.stringify(unknown.name)} is a ${cell.gpu}, add that name to gpus.${cell.gpu}.smi-names in the matrix` : `: an engine runs only on the GPU model it was built for${elsewhere}`;
    problems.push(`wrong GPU: cell ${cell.id} is for ${cell.gpu}${wanted}, but this runner has ${describeGpus(facts.gpus, families)}${advice}`);
    return [];
  }
  const cc = want?.computeCapability;
  const mismatched = cc === void 0 ? [] : ours.filter((g) => g.computeCapability !== cc);
  for (const g of mismatched) {
    problems.push(
      `compute capability: GPU ${g.index} (${g.name}) reports ${g.computeCapability}, but ${cell.gpu} is declared as ${cc} (gpus.${cell.gpu}.compute-capability or the catalogue); an engine built here would not be for ${cell.gpu}`
    );
  }
  if (ours.length < cell.tp) {
    problems.push(
      `GPU count: tp ${cell.tp} needs ${cell.tp} ${cell.gpu} GPUs, but this runner has ${ours.length} (${describeGpus(facts.gpus, families)}): ${cell.tp - ours.length} missing${elsewhere}`
    );
    return [];
  }
  const need = needs.gpuMemoryBytes;
  if (need === void 0) return ours.slice(0, cell.tp).map((g) => g.index);
  const roomy = ours.filter((g) => !(freeBytes(g) < need));
  if (roomy.length >= cell.tp) return roomy.slice(0, cell.tp).map((g) => g.index);
  const short2 = ours.filter((g) => freeBytes(g) < need);
  const details2 = short2.map((g) => `GPU ${g.index} has ${gib(freeBytes(g))} free of ${gib(mib(g.memoryMiB))} (${gib(mib(g.memoryUsedMiB))} in use): ${gib(need - freeBytes(g))} missing`);
  problems.push(
    `GPU memory: cell ${cell.id} needs ${gib(need)} free on each of ${cell.tp} GPU${cell.tp > 1 ? "s" : ""} (its weights at tp ${cell.tp}, KV cache and runtime), but only ${roomy.length} of this runner's ${ours.length} ${cell.gpu} GPUs ${roomy.length === 1 ? "has" : "have"} that much: ${details2.join("; ")}` + (short2.some((g) => g.memoryUsedMiB > 0) ? "; another process holds that memory (see nvidia-smi)" : "")
  );
  return [];
}
function checkHostMemory(facts, needs, problems) {
  const need = needs.hostMemoryBytes;
  const { availableBytes, totalBytes, cgroup } = facts.hostMemory;
  if (need === void 0 || availableBytes >= need) return;
  const of = cgroup ? `of the ${gib(totalBytes)} its cgroup allows, ${cgroup.where}` : `of ${gib(totalBytes)}`;
  problems.push(
    `host memory: the cell needs ${gib(need)} of RAM to load and convert the model, but this runner has ${gib(availableBytes)} available (${of}): ${gib(need - availableBytes)} missing` + (totalBytes >= need ? "; other processes hold the rest" : "")
  );
}
function checkDisks(facts, needs, problems) {
  const groups = /* @__PURE__ */ new Map();
  for (const disk of facts.disks) {
    const key = disk.device !== void 0 ? `dev:${disk.device}` : `path:${disk.path}`;
    const group2 = groups.get(key) ?? { disks: [], free: disk.freeBytes, need: 0 };
    group2.disks.push(disk);
    group2.need += needs.disk.filter((n) => n.role === disk.role).reduce((sum, n) => sum + n.bytes, 0);
    groups.set(key, group2);
  }
  for (const { disks, free, need } of groups.values()) {
    if (need <= free) continue;
    const named = disks.map((d) => `${d.role} ${d.path}`).join(" and ");
    const parts = disks.length > 1 ? ` together (${disks.map((d) => `${d.role} ${gib(needs.disk.filter((n) => n.role === d.role).reduce((s3, n) => s3 + n.bytes, 0))}`).join(", ")})` : "";
    problems.push(`disk: ${named} ${disks.length > 1 ? "share a filesystem that has" : "has"} ${gib(free)} free, but the cell writes ${gib(need)} there${parts}: ${gib(need - free)} missing`);
  }
}
function describeGpus(gpus, families) {
  const counts = /* @__PURE__ */ new Map();
  for (const g of gpus) counts.set(g.name, (counts.get(g.name) ?? 0) + 1);
  return [...counts].map(([name2, n]) => `${n} \xD7 ${name2} (${familyForSmiName(name2, families) ?? "not in the catalogue"})`).join(", ");
}
var mib = (n) => n * 1024 * 1024;
var freeBytes = (g) => mib(g.memoryMiB - g.memoryUsedMiB);
var gib = (bytes) => `${(bytes / GiB).toFixed(1)} GiB`;

// src/store/publish-artifact.ts
import { randomBytes } from "node:crypto";
function cellTarget(kind, cell, toolchain, provenance = {}) {
  return { kind, id: cell.id, model: cell.model, version: cell.version, fingerprint: cell.fingerprint, inputs: cell.inputs, digests: cell.digests, toolchain, provenance };
}
async function publishArtifact(store, target, dir, options = {}) {
  const log = options.log ?? (() => void 0);
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const channel = options.channel ?? "published";
  const uri = store.uri(manifestKey({ ...addressOf(target), ...channel === "candidate" ? { channel } : {} }));
  const probe = await store.conditionalWrites();
  if (!probe.honoured) {
    if (!options.allowUnsafe) {
      throw new UserError(
        `store ${quote(store.location)} does not honour create-only writes (${probe.detail}); two runs publishing the same cell could overwrite each other, so publish refuses. Use a store that supports If-None-Match (AWS S3, Ceph RGW, R2), or set 'allow-unsafe-store: true' to accept the risk`
      );
    }
    log(`warning: store ${store.location} does not honour create-only writes (${probe.detail}); publishing anyway (allow-unsafe-store)`);
  }
  const stored = (await store.list(target.kind, target.id)).find(
    (a) => a.id === target.id && a.version === target.version && a.fingerprint === target.fingerprint
  );
  const existing = stored ? await store.readManifest(stored) : void 0;
  if (stored && existing) {
    log(`${target.id}@${target.version} is already published (${describeWinner(existing)}); nothing to do`);
    return { created: false, existing, uri: store.uri(stored.key), channel: "published", reason: "already-published" };
  }
  const candidate = channel === "candidate" ? await storedCandidate(store, target) : void 0;
  if (candidate) {
    log(`${target.id}@${target.version} is already stored as a pull-request candidate (${describeWinner(candidate)}); nothing to do`);
    return { created: false, existing: candidate, uri, channel, reason: "already-published" };
  }
  await assertVersionOpenTo(store, target);
  const files = await scanArtifactDir(dir);
  const createdAt = now().toISOString();
  const data = attemptDataPrefix(target, newAttemptId());
  let committed = false;
  try {
    const stored2 = await store.putFiles(target, data, files, options.signal ? { signal: options.signal } : {});
    options.signal?.throwIfAborted();
    const manifest = {
      schema: "engine-forge/manifest@1",
      kind: target.kind,
      id: target.id,
      model: target.model,
      version: target.version,
      fingerprint: target.fingerprint,
      inputs: target.inputs,
      digests: target.digests,
      files: stored2,
      data,
      toolchain: target.toolchain,
      provenance: target.provenance,
      ...target.image ? { image: target.image } : {},
      createdAt,
      completedAt: now().toISOString()
    };
    const result3 = await store.commitManifest(manifest, channel);
    if (result3.created || result3.existing.data === data) {
      committed = true;
      return { created: true, manifest, uri, channel };
    }
    log(`${target.id}@${target.version} was ${channel === "candidate" ? "stored" : "published"} by another run first (${describeWinner(result3.existing)}); discarding this copy`);
    return { created: false, existing: result3.existing, uri, channel, reason: "lost-race" };
  } catch (error) {
    throw options.signal?.aborted ? options.signal.reason : error;
  } finally {
    if (!committed) await store.deleteData(data).catch(() => void 0);
  }
}
async function storedCandidate(store, target) {
  const found = (await store.list(target.kind, target.id, "candidate")).find((a) => a.id === target.id && a.version === target.version && a.fingerprint === target.fingerprint);
  return found ? store.readManifest(found) : void 0;
}
function newAttemptId() {
  return `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
}
function describeWinner(m) {
  const who = [m.provenance.runUrl, m.provenance.commit ? `commit ${m.provenance.commit}` : void 0, m.provenance.publisher].filter(Boolean);
  return `${who.length > 0 ? who.join(", ") : "unknown publisher"}, completed ${m.completedAt}`;
}

// src/build/checkpoint-cache.ts
import { stat } from "node:fs/promises";
import path3 from "node:path";

// src/store/resolve-artifact.ts
var import_semver = __toESM(require_semver2(), 1);
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdir, readdir, rename, rm, statfs } from "node:fs/promises";
import path2 from "node:path";
var PLAIN_WORDS = { label: (name2) => `'${name2}'`, assignment: (name2, value) => `${name2}: ${value}` };
function parseModelSpec(spec) {
  const at = spec.lastIndexOf("@");
  const model2 = at < 0 ? spec : spec.slice(0, at);
  const range = at < 0 ? "*" : spec.slice(at + 1);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(model2)) throw new UserError(`model: expected name@<semver range> (got ${quote(spec)})`);
  if (import_semver.default.validRange(range) === null) throw new UserError(`model: ${quote(range)} is not a semver range (got ${quote(spec)})`);
  return { model: model2, range };
}
var CELL_ID = /^([^/]+)\/([^/]+)\/([^/]+)\/tp(\d+)\/b(\d+)-(\d+)$/;
async function resolveArtifact(store, query) {
  const { model: model2, range } = parseModelSpec(query.model);
  const batch = parseBatch(query.batch);
  const listed = await store.list("engine", `${model2}/${query.gpu}/${query.precision}/`);
  const candidates = listed.filter((a) => {
    const m = CELL_ID.exec(a.id);
    if (!m || m[1] !== model2 || m[2] !== query.gpu || m[3] !== query.precision) return false;
    if (query.tp !== void 0 && Number(m[4]) !== query.tp) return false;
    const [min, max] = [Number(m[5]), Number(m[6])];
    if (batch?.exact && (min !== batch.min || max !== batch.max)) return false;
    if (batch && !batch.exact && (batch.min < min || batch.min > max)) return false;
    return import_semver.default.valid(a.version) !== null && import_semver.default.satisfies(a.version, range);
  });
  const cell = `${model2}@${range} on ${query.gpu} in ${query.precision}${query.tp ? ` tp${query.tp}` : ""}${query.batch ? ` batch ${query.batch}` : ""}`;
  const version = import_semver.default.maxSatisfying(
    candidates.map((a) => a.version),
    range
  );
  if (!version) {
    const fallback = await imageFallback(store, model2, range, query);
    if (fallback) return fallback;
    const versions = [...new Set(listed.map((a) => a.version))].sort(import_semver.default.rcompare);
    throw new UserError(
      `resolve: no complete artifact for ${cell} in ${store.location}` + (versions.length > 0 ? ` (versions stored for ${model2}/${query.gpu}/${query.precision}: ${versions.join(", ")})` : "")
    );
  }
  const slots = [...new Set(candidates.map((a) => a.id))].sort();
  if (slots.length > 1) throw ambiguous(cell, candidates, range, query.words ?? PLAIN_WORDS);
  const atVersion = candidates.filter((a) => a.version === version);
  const artifact = atVersion.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  const manifest = await store.readManifest(artifact);
  const uri = store.uri(manifestDataPrefix(artifact, manifest.data));
  const manifestUri = store.uri(manifestKey(artifact));
  const missing = await store.missingFiles(manifest);
  if (missing.length > 0) {
    throw new UserError(
      `resolve: ${artifact.id}@${version} is damaged: its manifest ${manifestUri} lists ${manifest.files.length} files, but ${missing.length} ${missing.length === 1 ? "is" : "are"} gone from ${uri} (${missing.slice(0, 3).map((p) => quote(p)).join(", ")}${missing.length > 3 ? ", \u2026" : ""}); delete that manifest and publish the cell again`
    );
  }
  const image = await findImage(store, model2, query.precision, version);
  return {
    artifact,
    manifest,
    uri,
    manifestUri,
    version,
    ...image ? { image } : {}
  };
}
async function imageFallback(store, model2, range, query) {
  const vendor = GPU_CATALOGUE[query.gpu]?.vendor ?? "nvidia";
  const id = `${model2}/${query.precision}/${vendor}`;
  const images = (await store.list("image", id)).filter((a) => a.id === id && import_semver.default.valid(a.version) !== null && import_semver.default.satisfies(a.version, range));
  const version = import_semver.default.maxSatisfying(
    images.map((a) => a.version),
    range
  );
  if (!version) return void 0;
  const artifact = images.filter((a) => a.version === version).sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  const manifest = await store.readManifest(artifact);
  if (!manifest.image) return void 0;
  return { artifact, manifest, uri: "", manifestUri: store.uri(manifestKey(artifact)), version, image: manifest.image, imageOnly: true };
}
async function findImage(store, model2, precision2, version) {
  const images = (await store.list("image", `${model2}/${precision2}/nvidia`)).filter((a) => a.id === `${model2}/${precision2}/nvidia` && a.version === version);
  const newest3 = images.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  if (!newest3) return void 0;
  return (await store.readManifest(newest3)).image;
}
function ambiguous(cell, candidates, range, words) {
  const choices = [...new Set(candidates.map((a) => a.id))].map((id) => {
    const m = CELL_ID.exec(id);
    const newest3 = import_semver.default.maxSatisfying(
      candidates.filter((a) => a.id === id).map((a) => a.version),
      range
    );
    return { id, tp: m[4], batch: `${m[5]}-${m[6]}`, order: [Number(m[4]), Number(m[5]), Number(m[6])], newest: newest3 };
  }).sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
  const differ = (key) => new Set(choices.map((c) => c[key])).size > 1;
  const keys = ["tp", "batch"].filter(differ);
  const lines = choices.map((c) => `${keys.map((k) => words.assignment(k, c[k])).join(" ")}  \u2192  ${c.id} (newest ${c.newest})`);
  return new UserError(`resolve: ${cell} matches ${choices.length} cells; pick one with ${keys.map((k) => words.label(k)).join(" and ")}:`, lines);
}
function parseBatch(batch) {
  if (batch === void 0 || batch === "") return void 0;
  const range = /^(\d+)-(\d+)$/.exec(batch);
  if (range) return { min: Number(range[1]), max: Number(range[2]), exact: true };
  if (/^\d+$/.test(batch)) return { min: Number(batch), max: Number(batch), exact: false };
  throw new UserError(`batch: expected 'min-max' or a number (got ${quote(batch)})`);
}
async function downloadArtifact(store, manifest, dir, options = {}) {
  const destination = path2.resolve(dir);
  const seen = /* @__PURE__ */ new Set();
  for (const f of manifest.files) {
    safeJoin(destination, f.path);
    if (seen.has(f.path)) throw new UserError(`manifest: file path ${quote(f.path)} appears twice; refusing it`);
    seen.add(f.path);
  }
  const existing = await readdir(destination).catch(() => void 0);
  if (existing && existing.length > 0) throw new UserError(`download: ${quote(dir)} exists and is not empty; give an empty or new directory`);
  await mkdir(path2.dirname(destination), { recursive: true });
  await assertRoom(path2.dirname(destination), dir, manifest.files.reduce((n, f) => n + f.size, 0));
  const temporary = `${destination}.partial-${randomBytes2(6).toString("hex")}`;
  await mkdir(temporary);
  try {
    await store.fetchFiles(manifest, temporary, options);
    await rename(temporary, destination);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    const local = asLocalWriteError(error);
    if (local) throw new UserError(`download: cannot write into ${quote(dir)}: ${local.message}; nothing was left there`);
    throw error;
  }
  return destination;
}
async function assertRoom(parent, dir, bytes) {
  const fs = await statfs(parent).catch(() => void 0);
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  if (free < bytes) {
    throw new UserError(`download: ${quote(dir)} has ${formatBytes(free)} free and the artifact needs ${formatBytes(bytes)}; free some space or download elsewhere`);
  }
}

// src/store/visible.ts
async function listVisible(store, kind, id, channel = "published") {
  const mine = (list) => list.filter((a) => a.id === id);
  const published = mine(await store.list(kind, id));
  return channel === "candidate" ? [...published, ...mine(await store.list(kind, id, "candidate"))] : published;
}

// src/build/checkpoint-cache.ts
function checkpointDir(cacheDir, ref) {
  return path3.join(cacheDir, "checkpoints", ...ref.id.split("/"), ref.fingerprint);
}
async function fetchCheckpoint(store, ref, cacheDir, signal, channel = "published") {
  const dir = checkpointDir(cacheDir, ref);
  const stored = (await listVisible(store, "checkpoint", ref.id, channel)).filter((a) => a.fingerprint === ref.fingerprint);
  const artifact = stored.find((a) => a.channel !== "candidate") ?? stored.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  if ((await stat(dir).catch(() => void 0))?.isDirectory()) {
    const manifest2 = artifact ? await store.readManifest(artifact) : void 0;
    return { dir, cached: true, manifest: manifest2, ...uris(store, artifact, manifest2) };
  }
  if (!artifact) {
    throw new UserError(
      `checkpoint ${quote(ref.id)} (fingerprint ${ref.fingerprint.slice(0, 12)}) is not in ${store.location}: the plan's checkpoints job makes it; run that job first ('needs: checkpoints' on the engines job) and check that it succeeded`
    );
  }
  const manifest = await store.readManifest(artifact);
  await downloadArtifact(store, manifest, dir, { signal });
  return { dir, cached: false, manifest, ...uris(store, artifact, manifest) };
}
function uris(store, artifact, manifest) {
  if (!artifact || !manifest) return { uri: void 0, manifestUri: void 0 };
  return { uri: store.uri(manifestDataPrefix(artifact, manifest.data)), manifestUri: store.uri(manifestKey(artifact)) };
}

// src/build/cuda-version.ts
function parseCudaVersion(text) {
  return /^CUDA Version\s*:\s*(\S+)/m.exec(text)?.[1];
}
async function readCudaVersion(env) {
  const run = await execa("nvidia-smi", ["-q"], { reject: false, timeout: 15e3, env, extendEnv: false });
  return run.exitCode === 0 ? parseCudaVersion(String(run.stdout)) : void 0;
}

// src/build/engine-checks.ts
import { copyFile, readdir as readdir2, readFile as readFile2 } from "node:fs/promises";
import path4 from "node:path";
async function checkEngineDir(dir, expected) {
  const where = `${expected.cellId}: trtllm-build's output ${quote(dir)}`;
  let config;
  try {
    config = JSON.parse(await readFile2(path4.join(dir, "config.json"), "utf8"));
  } catch (error) {
    throw new UserError(`${where} has no readable config.json (${error.message})`);
  }
  if (config.version !== expected.trtllmVersion) {
    throw new UserError(
      `${where}: config.json says TensorRT-LLM ${quote(config.version)} built it, but toolchains.trtllm.version is ${quote(expected.trtllmVersion)}; the toolchain image holds another TensorRT-LLM than the matrix pins (fix toolchains.trtllm.image or .version)`
    );
  }
  const mapping = config.pretrained_config?.mapping;
  const tp2 = mapping?.tp_size ?? 1;
  const world = mapping?.world_size ?? tp2;
  if (tp2 !== expected.tp || world !== expected.tp) {
    throw new UserError(`${where}: config.json maps tp_size ${quote(tp2)} over world_size ${quote(world)}, but the cell is TP ${expected.tp}`);
  }
  const names = await readdir2(dir);
  const engines = names.filter((n) => /^rank\d+\.engine$/.test(n)).sort();
  const wanted = Array.from({ length: expected.tp }, (_, r) => `rank${r}.engine`);
  const missing = wanted.filter((n) => !engines.includes(n));
  const extra = engines.filter((n) => !wanted.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new UserError(`${where}: expected one engine per rank (${wanted.join(", ")})${missing.length ? `; missing ${missing.join(", ")}` : ""}${extra.length ? `; unexpected ${extra.join(", ")}` : ""}`);
  }
  if (!names.some((n) => TOKENIZER_REQUIRED.includes(n))) {
    throw new UserError(`${where} has no tokenizer (${TOKENIZER_REQUIRED.join(" or ")})`);
  }
}
var TOKENIZER_FILES = ["tokenizer.json", "tokenizer.model", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json", "vocab.json", "merges.txt", "added_tokens.json"];
var TOKENIZER_REQUIRED = ["tokenizer.json", "tokenizer.model"];
async function copyTokenizer(from, to) {
  const names = new Set(await readdir2(from).catch(() => []));
  const copied = TOKENIZER_FILES.filter((n) => names.has(n));
  for (const name2 of copied) await copyFile(path4.join(from, name2), path4.join(to, name2));
  return copied;
}

// src/build/model-cache.ts
import { mkdir as mkdir2, readdir as readdir3, readFile as readFile3, rename as rename2, stat as stat2, writeFile } from "node:fs/promises";
import path5 from "node:path";
var MARKER = ".engine-forge-complete.json";
var DOWNLOAD_TIMEOUT_MS = 4 * 60 * 60 * 1e3;
function modelDir(cacheDir, model2) {
  return path5.join(cacheDir, "models", ...model2.source.split("/"), model2.revision);
}
async function fetchModelConfig(ctx, model2) {
  const dir = modelDir(ctx.cacheDir, model2);
  if (!await completeCopy(dir, model2)) await download(ctx, model2, dir, ["config.json"]);
  const file = path5.join(dir, "config.json");
  try {
    return JSON.parse(await readFile3(file, "utf8"));
  } catch (error) {
    throw new UserError(`model ${quote(model2.source)}@${model2.revision.slice(0, 12)}: config.json is missing or not JSON (${error.message})`);
  }
}
async function fetchModel(ctx, model2) {
  const dir = modelDir(ctx.cacheDir, model2);
  const marker = await completeCopy(dir, model2);
  if (marker) return { dir, cached: true, files: marker.files.length, bytes: marker.files.reduce((n, f) => n + f.size, 0) };
  await download(ctx, model2, dir, []);
  await checkRevision(dir, model2);
  const files = await listFiles(dir);
  const written = { source: model2.source, revision: model2.revision, files };
  await writeFile(path5.join(dir, `${MARKER}.tmp`), `${JSON.stringify(written)}
`);
  await rename2(path5.join(dir, `${MARKER}.tmp`), path5.join(dir, MARKER));
  return { dir, cached: false, files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) };
}
async function isCached(cacheDir, model2) {
  return await completeCopy(modelDir(cacheDir, model2), model2) !== void 0;
}
async function completeCopy(dir, model2) {
  let marker;
  try {
    marker = JSON.parse(await readFile3(path5.join(dir, MARKER), "utf8"));
  } catch {
    return void 0;
  }
  if (marker.source !== model2.source || marker.revision !== model2.revision || !Array.isArray(marker.files)) return void 0;
  for (const f of marker.files) {
    const info2 = await stat2(path5.join(dir, f.path)).catch(() => void 0);
    if (!info2 || info2.size !== f.size) return void 0;
  }
  return marker;
}
async function download(ctx, model2, dir, files) {
  await mkdir2(dir, { recursive: true });
  const env = { HF_HUB_DISABLE_PROGRESS_BARS: "1" };
  if (ctx.token) env.HF_TOKEN = ctx.token;
  try {
    await ctx.toolchain.run(
      {
        name: files.length > 0 ? `download ${files.join(", ")}` : "download model",
        argv: ["hf", "download", model2.source, ...files, "--revision", model2.revision, "--local-dir", dir],
        env,
        timeoutMs: DOWNLOAD_TIMEOUT_MS
      },
      ctx.signal
    );
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const text = `${error.message}
${(error.tail ?? []).join("\n")}`;
    if (/gated|restricted|requires approval|access denied|\b40[13]\b|authenticat/i.test(text)) {
      throw new UserError(
        ctx.token ? `model ${quote(model2.source)} is gated and the Hugging Face token in HF_TOKEN has no access to it: request access on the model's page with the token's account` : `model ${quote(model2.source)} is gated and HF_TOKEN is not set: add 'env: { HF_TOKEN: \${{ secrets.HF_TOKEN }} }' to the build step (a token whose account was granted access)`
      );
    }
    throw error;
  }
}
async function checkRevision(dir, model2) {
  const metaRoot = path5.join(dir, ".cache", "huggingface", "download");
  const metadata = (await readdir3(metaRoot, { recursive: true }).catch(() => [])).filter((f) => f.endsWith(".metadata"));
  if (metadata.length === 0) {
    throw new UserError(`model ${quote(model2.source)}: hf download left no metadata in ${metaRoot}, so the revision cannot be checked; is 'hf' the Hugging Face CLI (huggingface_hub \u2265 0.34)?`);
  }
  for (const file of metadata) {
    const commit = (await readFile3(path5.join(metaRoot, file), "utf8")).split("\n")[0]?.trim();
    if (commit !== model2.revision) {
      throw new UserError(`model ${quote(model2.source)}: ${file.replace(/\.metadata$/, "")} came from revision ${quote(commit)}, not the pinned ${model2.revision}`);
    }
  }
}
async function listFiles(dir) {
  const entries = await readdir3(dir, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const rel = path5.relative(dir, path5.join(entry.parentPath, entry.name));
    if (rel.startsWith(".cache") || rel.startsWith(MARKER)) continue;
    files.push({ path: rel, size: (await stat2(path5.join(dir, rel))).size });
  }
  return files.sort((a, b) => a.path < b.path ? -1 : 1);
}

// src/build/preflight.ts
import { readFile as readFile5, stat as stat3, statfs as statfs2 } from "node:fs/promises";
import path7 from "node:path";

// src/core/nvidia-smi.ts
var NVIDIA_SMI_ARGS = ["--query-gpu=index,name,uuid,compute_cap,memory.total,memory.used,driver_version,pci.bus_id", "--format=csv"];
function parseNvidiaSmiCsv(text, families) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines.shift()?.split(",").map((h) => h.trim().replace(/ \[.*\]$/, "")) ?? [];
  const column = (name2) => {
    const i = header.indexOf(name2);
    if (i === -1) throw new Error(`nvidia-smi output has no '${name2}' column (header: ${header.join(", ")})`);
    return i;
  };
  const idx = { index: column("index"), name: column("name"), uuid: column("uuid"), cc: column("compute_cap"), mem: column("memory.total"), driver: column("driver_version"), bus: column("pci.bus_id") };
  return lines.map((line) => {
    const cells = line.split(",").map((c) => c.trim());
    const name2 = cells[idx.name] ?? "";
    const family = familyForSmiName(name2, families);
    return {
      index: Number(cells[idx.index]),
      name: name2,
      uuid: cells[idx.uuid] ?? "",
      computeCapability: cells[idx.cc] ?? "",
      memoryMiB: Number.parseInt(cells[idx.mem] ?? "", 10),
      driver: cells[idx.driver] ?? "",
      busId: cells[idx.bus] ?? "",
      ...family !== void 0 ? { family } : {}
    };
  });
}
function parseRunnerGpus(text, families) {
  const gpus = parseNvidiaSmiCsv(text, families);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines.shift()?.split(",").map((h) => h.trim().replace(/ \[.*\]$/, "")) ?? [];
  const used = header.indexOf("memory.used");
  if (used === -1) throw new Error(`nvidia-smi output has no 'memory.used' column (header: ${header.join(", ")})`);
  return gpus.map((gpu2, i) => ({ ...gpu2, memoryUsedMiB: Number.parseInt(lines[i]?.split(",")[used]?.trim() ?? "", 10) }));
}

// src/build/cgroup-memory.ts
import { readFile as readFile4 } from "node:fs/promises";
import path6 from "node:path";
var V1_UNLIMITED = 2 ** 62;
async function readCgroupMemory(selfCgroup, root = "/sys/fs/cgroup") {
  const lines = selfCgroup.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const v2 = lines.find((l) => l.startsWith("0::"))?.slice(3);
  const v1 = lines.map((l) => l.split(":")).find((parts) => parts[1]?.split(",").includes("memory"))?.slice(2).join(":");
  const candidates = [];
  if (v1 !== void 0) candidates.push({ base: path6.join(root, "memory"), group: v1, files: { limit: "memory.limit_in_bytes", usage: "memory.usage_in_bytes", inactive: "total_inactive_file" } });
  if (v2 !== void 0) candidates.push({ base: root, group: v2, files: { limit: "memory.max", usage: "memory.current", inactive: "inactive_file" } });
  let tightest;
  for (const { base, group: group2, files } of candidates) {
    for (const dir of levels(base, group2)) {
      const limitText = await readOptional(path6.join(dir, files.limit));
      if (limitText === void 0 || limitText === "max") continue;
      const limit = Number(limitText);
      if (!Number.isFinite(limit) || limit >= V1_UNLIMITED) continue;
      const usage = Number(await readOptional(path6.join(dir, files.usage)) ?? 0);
      const stat5 = await readOptional(path6.join(dir, "memory.stat")) ?? "";
      const inactive = Number(new RegExp(`^${files.inactive} (\\d+)$`, "m").exec(stat5)?.[1] ?? 0);
      const used = Math.max(0, usage - inactive);
      const candidate = { where: path6.join(dir, files.limit), limitBytes: limit, usedBytes: used };
      if (tightest === void 0 || limit - used < tightest.limitBytes - tightest.usedBytes) tightest = candidate;
    }
  }
  return tightest;
}
function levels(base, group2) {
  const parts = group2.split("/").filter((p) => p !== "" && p !== ".." && p !== ".");
  const dirs = [];
  for (let n = parts.length; n >= 0; n--) dirs.push(path6.join(base, ...parts.slice(0, n)));
  return dirs;
}
async function readOptional(file) {
  try {
    return (await readFile4(file, "utf8")).trim();
  } catch {
    return void 0;
  }
}

// src/build/preflight.ts
async function readRunnerFacts(options) {
  const effects = { ...realEffects(options.env), ...options.effects };
  const [gpus, meminfo, cgroup, work, cache] = await Promise.all([
    readGpus(effects, options.families),
    effects.meminfo().then(parseMeminfo),
    effects.cgroupMemory(),
    effects.disk(options.workDir),
    effects.disk(options.cacheDir)
  ]);
  const hostMemory = withCgroupLimit(meminfo, cgroup);
  return {
    gpus,
    hostMemory,
    disks: [
      { path: options.workDir, role: "work-dir", ...work },
      { path: options.cacheDir, role: "cache-dir", ...cache }
    ]
  };
}
async function readGpus(effects, families) {
  const command = `nvidia-smi ${NVIDIA_SMI_ARGS.join(" ")}`;
  let text;
  try {
    text = await effects.nvidiaSmi(NVIDIA_SMI_ARGS);
  } catch (error) {
    throw new UserError(smiFailure(command, error));
  }
  try {
    return parseRunnerGpus(text, families);
  } catch (error) {
    throw new UserError(`\`${command}\` printed output engine-forge cannot read (${error.message}); is this NVIDIA's nvidia-smi?`);
  }
}
function smiFailure(command, error) {
  const e = error;
  if (e.code === "ENOENT") {
    return "nvidia-smi is not on PATH: `build` must run on a runner with an NVIDIA GPU and its driver installed (the cell's `runs-on` labels choose it)";
  }
  if (e.timedOut === true) return `\`${command}\` did not answer in time: the GPU driver may be hung; check the runner`;
  const said = [e.stdout, e.stderr].filter((s3) => typeof s3 === "string" && s3.trim() !== "").join("\n").trim();
  const detail = said !== "" ? `: ${said.split("\n").slice(-3).join(" ")}` : "";
  return `\`${command}\` failed${e.exitCode !== void 0 ? ` with exit status ${e.exitCode}` : ""}${detail || `: ${e.shortMessage ?? String(error)}`}; the runner's NVIDIA driver or GPUs are not usable`;
}
function parseMeminfo(text) {
  const field = (name2) => {
    const match = new RegExp(`^${name2}:\\s+(\\d+)\\s*kB`, "m").exec(text);
    if (!match) throw new UserError(`/proc/meminfo has no ${name2} line: cannot tell how much memory this runner has`);
    return Number(match[1]) * 1024;
  };
  return { totalBytes: field("MemTotal"), availableBytes: field("MemAvailable") };
}
function withCgroupLimit(meminfo, cgroup) {
  if (cgroup === void 0 || cgroup.limitBytes >= meminfo.totalBytes) return meminfo;
  return {
    totalBytes: cgroup.limitBytes,
    availableBytes: Math.min(meminfo.availableBytes, Math.max(0, cgroup.limitBytes - cgroup.usedBytes)),
    cgroup: { where: cgroup.where, limitBytes: cgroup.limitBytes }
  };
}
function realEffects(env) {
  return {
    async nvidiaSmi(args) {
      const { stdout } = await execa("nvidia-smi", [...args], { timeout: 3e4, ...env ? { env, extendEnv: false } : {} });
      return stdout;
    },
    meminfo: () => readFile5("/proc/meminfo", "utf8"),
    async cgroupMemory() {
      const self = await readFile5("/proc/self/cgroup", "utf8").catch(() => void 0);
      return self === void 0 ? void 0 : readCgroupMemory(self);
    },
    async disk(dir) {
      const existing = await nearestExisting(dir);
      const [fs, info2] = await Promise.all([statfs2(existing), stat3(existing)]);
      return { freeBytes: fs.bavail * fs.bsize, device: info2.dev };
    }
  };
}
async function nearestExisting(dir) {
  let current = path7.resolve(dir);
  for (; ; ) {
    try {
      await stat3(current);
      return current;
    } catch (error) {
      const parent = path7.dirname(current);
      if (error.code !== "ENOENT" || parent === current) throw error;
      current = parent;
    }
  }
}

// src/build/recipe.ts
var GEMM_PLUGIN = {
  fp16: "auto",
  bf16: "auto",
  fp8: "disable",
  int8_sq: "auto",
  int8_wo: "auto",
  int4_wo: "auto",
  int4_awq: "auto",
  w4a8_awq: "auto",
  nvfp4: "nvfp4"
};
var DTYPE = {
  fp16: "float16",
  bf16: "bfloat16",
  fp8: "bfloat16",
  int8_sq: "bfloat16",
  int8_wo: "bfloat16",
  int4_wo: "bfloat16",
  int4_awq: "bfloat16",
  w4a8_awq: "bfloat16",
  nvfp4: "bfloat16"
};
var WEIGHT_ONLY = { int8_wo: "int8", int4_wo: "int4" };
var EXAMPLE_DIR = {
  LlamaForCausalLM: "llama",
  MistralForCausalLM: "llama",
  Qwen2ForCausalLM: "qwen",
  Qwen3ForCausalLM: "qwen",
  Gemma2ForCausalLM: "gemma",
  Gemma3ForCausalLM: "gemma",
  Phi3ForCausalLM: "phi",
  MixtralForCausalLM: "llama",
  GPTNeoXForCausalLM: "gptneox",
  FalconForCausalLM: "falcon"
};
function maxNumTokens(cell) {
  return Math.min(Math.max(8192, cell.maxInputLen), cell.batch.max * cell.maxInputLen);
}
function weightOnly(precision2) {
  return WEIGHT_ONLY[precision2];
}
function userFlags(flags2) {
  const out = /* @__PURE__ */ new Map();
  for (const [name2, value] of Object.entries(flags2 ?? {})) {
    if (value === false) continue;
    out.set(name2.replace(/-/g, "_"), value === true ? void 0 : String(value));
  }
  return out;
}
function trtllmBuildArgv(cell, options) {
  const flags2 = /* @__PURE__ */ new Map([
    ["checkpoint_dir", options.checkpointDir],
    ["output_dir", options.outputDir],
    ["max_batch_size", String(cell.batch.max)],
    ["max_input_len", String(cell.maxInputLen)],
    ["max_seq_len", String(cell.maxSeqLen)],
    ["max_num_tokens", String(maxNumTokens(cell))],
    ["gemm_plugin", GEMM_PLUGIN[cell.precision]],
    ["multiple_profiles", "enable"]
  ]);
  if (options.workers > 1) flags2.set("workers", String(options.workers));
  if (options.timingCache) {
    flags2.set("input_timing_cache", options.timingCache);
    flags2.set("output_timing_cache", options.timingCache);
  }
  for (const [name2, value] of userFlags(buildFlagsOf(cell))) flags2.set(name2, value);
  return ["trtllm-build", ...[...flags2].flatMap(([name2, value]) => value === void 0 ? [`--${name2}`] : [`--${name2}`, value])];
}
function convertCheckpointArgv(cell, options) {
  const wo = WEIGHT_ONLY[cell.precision];
  return [
    "python3",
    `${options.examples}/models/core/${options.exampleDir}/convert_checkpoint.py`,
    "--model_dir",
    options.modelDir,
    "--output_dir",
    options.outputDir,
    "--dtype",
    DTYPE[cell.precision],
    "--tp_size",
    String(cell.tp),
    ...wo ? ["--use_weight_only", "--weight_only_precision", wo] : []
  ];
}
function cudaGraphBatchSizes(min, max) {
  const sizes = /* @__PURE__ */ new Set([min, max]);
  for (let n = 1; n <= max; n *= 2) if (n >= min) sizes.add(n);
  return [...sizes].sort((a, b) => a - b);
}
function servingConfig(cell, options = {}) {
  const extra = Object.fromEntries(Object.entries(buildFlagsOf(cell) ?? {}).map(([name2, value]) => [name2.replace(/-/g, "_"), value]));
  return {
    max_batch_size: cell.batch.max,
    max_num_tokens: maxNumTokens(cell),
    max_seq_len: cell.maxSeqLen,
    tensor_parallel_size: cell.tp,
    cuda_graph_config: { enable_padding: true, batch_sizes: cudaGraphBatchSizes(cell.batch.min, cell.batch.max) },
    kv_cache_config: { dtype: options.kvCacheDtype ?? "auto", free_gpu_memory_fraction: options.freeGpuMemoryFraction ?? 0.9 },
    ...extra
  };
}
function buildFlagsOf(cell) {
  return cell.inputs["build-flags"];
}

// src/build/free-port.ts
import { createServer } from "node:net";
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")));
    });
  });
}

// src/build/smoke.ts
import { setTimeout as sleep } from "node:timers/promises";
async function smokeStart(toolchain, options, signal) {
  const port = await freePort();
  const step = {
    name: "smoke start",
    argv: ["trtllm-serve", options.modelPath, "--host", "127.0.0.1", "--port", String(port), "--backend", "pytorch", "--config", options.configPath]
  };
  const started = performance.now();
  const service = await toolchain.start(step, signal);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, service, options, signal);
    const coldStartMs = Math.round(performance.now() - started);
    const { text, firstTokenMs } = await streamOne(base, options.modelPath, signal);
    return { coldStartMs, firstTokenMs, text };
  } finally {
    await service.stop();
  }
}
async function waitHealthy(base, service, options, signal) {
  let exited;
  void service.exited.then((e) => exited = e);
  const deadline = performance.now() + options.timeoutMs;
  for (; ; ) {
    signal.throwIfAborted();
    if (exited) {
      const how = exited.signal ? `was killed by ${exited.signal}` : `exited with status ${exited.exitCode}`;
      throw new UserError(`smoke start: trtllm-serve ${how} before /health answered; its last lines:
${exited.tail.join("\n")}`);
    }
    const ok = await fetch(`${base}/health`, { signal: AbortSignal.any([signal, AbortSignal.timeout(5e3)]) }).then(
      (r) => r.status === 200,
      () => false
    );
    if (ok) return;
    if (performance.now() > deadline) throw new UserError(`smoke start: trtllm-serve did not answer /health with 200 within ${Math.round(options.timeoutMs / 1e3)} s`);
    await sleep(options.pollMs ?? 500, void 0, { signal }).catch(() => void 0);
  }
}
async function streamOne(base, model2, signal) {
  const sent = performance.now();
  const response = await fetch(`${base}/v1/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: model2, prompt: "The capital of France is", max_tokens: 8, stream: true }),
    signal: AbortSignal.any([signal, AbortSignal.timeout(12e4)])
  });
  if (response.status !== 200 || !response.body) throw new UserError(`smoke start: /v1/completions answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  let firstTokenMs;
  let text = "";
  let buffer = "";
  let done = false;
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl;
    while ((nl = buffer.indexOf("\n")) !== -1) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith("data:")) continue;
      const data = line.slice(5).trim();
      if (data === "[DONE]") done = true;
      else {
        const piece = JSON.parse(data).choices?.[0]?.text ?? "";
        if (piece !== "" && firstTokenMs === void 0) firstTokenMs = Math.round(performance.now() - sent);
        text += piece;
      }
    }
  }
  if (!done || firstTokenMs === void 0) throw new UserError(`smoke start: the streamed completion ended without ${done ? "a token" : "'data: [DONE]'"}`);
  return { text, firstTokenMs };
}

// src/build/toolchain.ts
import { spawnSync } from "node:child_process";
import { randomUUID as randomUUID2 } from "node:crypto";
import { access, constants } from "node:fs/promises";
import path8 from "node:path";

// src/core/step-diagnosis.ts
var CUDA_OOM = [
  /CUDA out of memory/i,
  // torch.OutOfMemoryError: CUDA out of memory. Tried to allocate …
  /CUDA error: out of memory/i,
  /\bOutOfMemoryError\b/,
  /\[TensorRT-LLM\]\[ERROR\].*out of memory/i,
  /Cuda Runtime \(out of memory\)/i,
  // TensorRT: Error Code 1: Cuda Runtime (out of memory)
  /cudaErrorMemoryAllocation/,
  /CUBLAS_STATUS_ALLOC_FAILED/
];
var DISK_FULL = [/No space left on device/i, /\bENOSPC\b/, /\[Errno 28\]/];
var ARGPARSE_ERROR = /^(\S+): error: (unrecognized arguments: .*|argument [^:]+: .*|the following arguments are required: .*)$/;
var RUNTIME_ERROR = /^(?:Error: |docker: Error response from daemon)/m;
var NOT_FOUND = [/executable file not found in \$PATH/i, /OCI runtime attempted to invoke a command that was not found/i];
var EXEC_OF = /exec: "([^"]+)": executable file not found/;
var RLIMIT = [/error setting rlimit/i, /setrlimit `?RLIMIT_\w+`?: Operation not permitted/i];
var NO_GPU_DRIVER = /could not select device driver "[^"]*" with capabilities: \[\[gpu\]\]/i;
var NO_INIT = /container-init binary not found on the host|catatonit: no such file or directory/i;
var NO_CDI = /unresolvable CDI devices?|CDI device injection failed|failed to inject CDI devices/i;
function diagnose(end) {
  const text = end.tail.join("\n");
  if (end.timedOutAfterMs !== void 0) {
    return {
      cause: "timeout",
      advice: `it was still running after ${formatDuration(end.timedOutAfterMs)}, its time limit, and was stopped; a silent tool may be stuck (a download with no network, a GPU held by another process), or the build needs a longer limit on this runner`
    };
  }
  const argparse = end.exitCode === 2 ? ARGPARSE_ERROR.exec(lastLine(end.tail)) : null;
  if (argparse) {
    const [, prog, rejected] = argparse;
    const where = end.flagsHint ? `check the flags in ${end.flagsHint}` : "check the flags against the pinned TensorRT-LLM version";
    return {
      cause: "unknown-flag",
      advice: `${prog} rejected its command line (${rejected}): a flag it does not know in this toolchain version; ${where}`
    };
  }
  if (CUDA_OOM.some((re) => re.test(text))) {
    return {
      cause: "cuda-oom",
      advice: "the GPUs ran out of memory: lower the cell's batch ceiling, max tokens or sequence length, use more GPUs (a larger tp) or a smaller precision, and check with nvidia-smi that no other process holds GPU memory"
    };
  }
  if (DISK_FULL.some((re) => re.test(text))) {
    return {
      cause: "disk-full",
      advice: "the disk is full: free space under work-dir and cache-dir (a build needs about 3 \xD7 the model's weights: download, checkpoint and engine) or point them at a larger disk"
    };
  }
  if (end.runtime !== "native" && RLIMIT.some((re) => re.test(text))) {
    return {
      cause: "container-limits",
      advice: "the container runtime may not raise the resource limits NVIDIA recommends (--ulimit memlock=-1, stack=67108864): raise the runner's hard limits (limits.conf, or the runner service's LimitMEMLOCK=infinity), or set ENGINE_FORGE_CONTAINER_ULIMITS to limits this host allows (e.g. 'memlock=8388608:8388608,stack=67108864')"
    };
  }
  if (end.runtime === "docker" && NO_GPU_DRIVER.test(text)) {
    return { cause: "container-gpus", advice: "docker cannot reach the GPUs: install the NVIDIA Container Toolkit and run `nvidia-ctk runtime configure --runtime=docker`, then restart dockerd" };
  }
  if (end.runtime === "podman" && NO_INIT.test(text)) {
    return { cause: "container-init", advice: "podman has no init binary for --init: install catatonit (the podman package recommends it)" };
  }
  if (end.runtime === "podman" && NO_CDI.test(text)) {
    return { cause: "container-gpus", advice: "podman has no CDI spec for the GPUs: run `nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml` (NVIDIA Container Toolkit) on the runner" };
  }
  const runtimeFailed = end.runtime !== "native" && RUNTIME_ERROR.test(text);
  if (end.exitCode === 127 && !runtimeFailed || end.notStarted && /ENOENT/.test(text) || end.tail.some((line) => toolNotFound(line, end.tool))) {
    return {
      cause: "not-found",
      advice: end.runtime === "native" ? `${end.tool} is not on PATH: runtime 'native' needs a runner that already is the TensorRT-LLM environment; otherwise use runtime docker or podman` : `${end.tool} is not in the toolchain image: check toolchains.trtllm.image`
    };
  }
  if (end.exitCode === 137 || end.signal === "SIGKILL") {
    return {
      cause: "host-oom",
      advice: "it was killed with SIGKILL (exit 137), most likely by the kernel's OOM killer: the runner's host RAM ran out; use a runner with more memory, fewer parallel workers, or a smaller model per job (`dmesg` shows the OOM killer's report)"
    };
  }
  return void 0;
}
function toolNotFound(line, tool) {
  if (!NOT_FOUND.some((re) => re.test(line))) return false;
  const named = EXEC_OF.exec(line)?.[1];
  return named === void 0 || named === tool || baseName(named) === baseName(tool);
}
function baseName(file) {
  return file.slice(file.lastIndexOf("/") + 1);
}
function lastLine(tail) {
  for (let i = tail.length - 1; i >= 0; i--) if (tail[i].trim() !== "") return tail[i];
  return "";
}
function describeEnd(end) {
  if (end.timedOutAfterMs !== void 0) return `timed out after ${formatDuration(end.timedOutAfterMs)}`;
  if (end.signal) return `was killed by ${end.signal}`;
  if (end.exitCode !== void 0) return `exited with status ${end.exitCode}`;
  return "could not be started";
}
function formatDuration(ms2) {
  if (ms2 < 1e3) return `${Math.max(0, Math.round(ms2))}ms`;
  const total = Math.floor(ms2 / 1e3);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s3 = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(s3).padStart(2, "0")}s`;
  return `${s3}s`;
}

// src/build/container-args.ts
var NVIDIA_ULIMITS = ["memlock=-1", "stack=67108864"];
var ULIMITS_ENV = "ENGINE_FORGE_CONTAINER_ULIMITS";
function containerRunArgs(run) {
  const args = ["run", "--rm", "--init", "--name", run.name, "--ipc", "host"];
  for (const limit of run.ulimits) args.push("--ulimit", limit);
  args.push(...gpuArgs(run.kind, run.gpus));
  if (run.kind === "podman") args.push("--security-opt", "label=disable");
  if (run.hostNetwork) args.push("--network", "host");
  for (const dir of run.mounts) args.push("--volume", `${dir}:${dir}`);
  if (run.workdir !== void 0) args.push("--workdir", run.workdir);
  for (const name2 of run.envNames) args.push("--env", name2);
  args.push("--env", `NVIDIA_VISIBLE_DEVICES=${run.gpus.length > 0 ? run.gpus.join(",") : "void"}`);
  args.push(run.image, ...run.argv);
  return args;
}
function gpuArgs(kind, gpus) {
  if (gpus.length === 0) return [];
  if (kind === "docker") return ["--gpus", `"device=${gpus.join(",")}"`];
  return gpus.flatMap((i) => ["--device", `nvidia.com/gpu=${i}`]);
}
function containerStopArgs(name2, graceMs) {
  return [
    ["stop", "-t", String(Math.max(0, Math.ceil(graceMs / 1e3))), name2],
    ["rm", "-f", name2]
  ];
}
function parseUlimits(text, label) {
  const limits = text.split(/[\s,]+/).filter((l) => l !== "");
  const bad = limits.filter((l) => !/^[a-z]+=(-1|\d+)(:(-1|\d+))?$/.test(l));
  if (limits.length === 0 || bad.length > 0) {
    throw new UserError(`${label} must be a comma-separated list of NAME=SOFT[:HARD] limits, e.g. 'memlock=-1,stack=67108864' (got ${quote(text)})`);
  }
  return limits;
}
function checkContainerInputs(image, mounts) {
  if (image.trim() === "" || image.startsWith("-") || /\s/.test(image)) {
    throw new UserError(`toolchains.trtllm.image must be an image reference such as nvcr.io/nvidia/tensorrt-llm/release:1.0.0 (got ${quote(image)})`);
  }
  for (const dir of mounts) {
    if (!dir.startsWith("/") || dir.includes(":") || dir.includes(",")) {
      throw new UserError(`a directory mounted into the toolchain container must be an absolute path without ':' or ',' (got ${quote(dir)})`);
    }
  }
}

// src/build/last-resort.ts
var pending = /* @__PURE__ */ new Set();
var installed = false;
function onExitKill(kill) {
  if (!installed) {
    installed = true;
    process.on("exit", () => {
      for (const k of pending) {
        try {
          k();
        } catch {
        }
      }
    });
  }
  pending.add(kill);
  return () => pending.delete(kill);
}

// src/build/process-tree.ts
import { readdir as readdir4, readFile as readFile6 } from "node:fs/promises";
import { setTimeout as sleep2 } from "node:timers/promises";
import { StringDecoder } from "node:string_decoder";
function spawnGroup(file, args, options) {
  const subprocess = execa(file, args, {
    env: options.env,
    extendEnv: false,
    ...options.cwd === void 0 ? {} : { cwd: options.cwd },
    detached: true,
    // its own process group (setsid): killed as one, untouched by the terminal's ^C
    cleanup: false,
    stdin: "ignore",
    buffer: false,
    reject: false
  });
  const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  for (const stream of ["stdout", "stderr"]) {
    subprocess[stream].on("data", (chunk) => options.onOutput(typeof chunk === "string" ? chunk : decoders[stream].write(chunk), stream));
  }
  const settled = subprocess.then(
    (result3) => result3,
    (error) => ({ failed: true, exitCode: void 0, signal: void 0, shortMessage: String(error) })
  );
  const exit = new Promise((resolve) => {
    subprocess.once("exit", (code2, signal) => resolve({ exitCode: code2 ?? void 0, signal: signal ?? void 0 }));
    void settled.then((result3) => {
      if (result3.failed && result3.exitCode === void 0 && result3.signal === void 0) resolve({ spawnError: result3.shortMessage });
    });
  });
  const spawned = new Promise((resolve) => {
    subprocess.once("spawn", () => resolve(void 0));
    void exit.then((end) => resolve(end.spawnError));
  });
  const drained = settled.then(() => {
    for (const stream of ["stdout", "stderr"]) {
      const rest = decoders[stream].end();
      if (rest !== "") options.onOutput(rest, stream);
    }
  });
  return { pid: subprocess.pid, spawned, exit, drained };
}
async function killGroup(pgid, graceMs) {
  if (!signalGroup(pgid, "SIGTERM")) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if ((await liveMembers(pgid)).length === 0) return;
    await sleep2(25);
  }
  signalGroup(pgid, "SIGKILL");
  for (let i = 0; i < 200 && (await liveMembers(pgid)).length > 0; i++) await sleep2(25);
}
async function groupAlive(pgid) {
  return (await liveMembers(pgid)).length > 0;
}
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
async function liveMembers(pgid) {
  let entries;
  try {
    entries = await readdir4("/proc");
  } catch {
    return signalGroup(pgid, 0) ? [pgid] : [];
  }
  const members = [];
  await Promise.all(
    entries.filter((e) => /^\d+$/.test(e)).map(async (entry) => {
      const stat5 = await readFile6(`/proc/${entry}/stat`, "utf8").catch(() => void 0);
      if (stat5 === void 0) return;
      const fields = stat5.slice(stat5.lastIndexOf(")") + 2).split(" ");
      const [state, , pgrp] = fields;
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") members.push(Number(entry));
    })
  );
  return members;
}

// src/build/step-failure.ts
var StepFailure = class extends UserError {
  step;
  exitCode;
  signal;
  timedOut;
  tail;
  /** The recognised death (CUDA OOM, host OOM, full disk, unknown flag, …), when there is one. */
  death;
  constructor(end) {
    const diagnosis = diagnose(end);
    const head = `step '${end.step}' ${describeEnd(end)}`;
    const message = [
      diagnosis ? `${head}: ${diagnosis.advice}` : head,
      end.tail.length > 0 ? `last ${end.tail.length} line${end.tail.length === 1 ? "" : "s"} of its output:` : "it printed nothing"
    ].join("\n");
    super(message, end.tail.length > 0 ? end.tail : []);
    this.name = "StepFailure";
    this.step = end.step;
    this.exitCode = end.exitCode;
    this.signal = end.signal;
    this.timedOut = end.timedOutAfterMs !== void 0;
    this.tail = end.tail;
    this.death = diagnosis?.cause;
  }
};
function abortError(signal) {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error("cancelled");
  error.name = "AbortError";
  return error;
}

// src/build/step-output.ts
var MAX_TAIL_LINE = 400;
var OutputLines = class {
  constructor(onLine, keep = 20) {
    this.onLine = onLine;
    this.keep = keep;
  }
  onLine;
  keep;
  last = [];
  /**
   * A line splitter for one stream. stdout and stderr arrive through separate pipes, so each
   * keeps its own unterminated line: one stream's partial line is never glued to the other's.
   */
  stream() {
    let pending2 = "";
    return {
      push: (text) => {
        const parts = (pending2 + text).split("\n");
        pending2 = parts.pop() ?? "";
        for (const part of parts) this.emit(part);
      },
      flush: () => {
        if (pending2 !== "") this.emit(pending2);
        pending2 = "";
      }
    };
  }
  tail() {
    return [...this.last];
  }
  emit(raw) {
    const line = raw.replace(/\r+$/, "").split("\r").pop() ?? "";
    this.onLine(line);
    this.last.push(line.length > MAX_TAIL_LINE ? `${line.slice(0, MAX_TAIL_LINE)}\u2026` : line);
    if (this.last.length > this.keep) this.last.shift();
  }
};
function displayArgv(argv) {
  return argv.map((a) => /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`).join(" ");
}

// src/build/build-log.ts
import { randomUUID } from "node:crypto";
function actionsBuildLog() {
  let resume;
  const pause = () => {
    resume = randomUUID().replaceAll("-", "");
    info(`::stop-commands::${resume}`);
  };
  const unpause = () => {
    if (resume === void 0) return;
    info(`::${resume}::`);
    resume = void 0;
  };
  return {
    group(name2) {
      unpause();
      startGroup(name2);
      pause();
    },
    endGroup() {
      unpause();
      endGroup();
    },
    line(text) {
      info(text);
    },
    warning(text) {
      const paused = resume !== void 0;
      unpause();
      warning(text);
      if (paused) pause();
    }
  };
}
function terminalBuildLog(out = (t) => process.stdout.write(t), err = (t) => process.stderr.write(t)) {
  return {
    group: (name2) => out(`==> ${name2}
`),
    endGroup: () => {
    },
    line: (text) => out(`${text}
`),
    warning: (text) => err(`warning: ${text}
`)
  };
}

// src/build/toolchain.ts
var RUNTIME_KINDS = ["docker", "podman", "native"];
var DEFAULT_HEARTBEAT_MS = 6e4;
var DEFAULT_GRACE_MS = 5e3;
function openToolchain(options) {
  const baseEnv = definedEnv(options.env ?? process.env);
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const launch = options.runtime === "native" ? nativeLauncher(options, baseEnv, graceMs) : containerLauncher(options.runtime, options, baseEnv, graceMs);
  return {
    runtime: options.runtime,
    run: (step, signal) => runStep(launch, options, step, signal),
    start: (step, signal) => startService(launch, options, step, signal)
  };
}
function nativeLauncher(options, baseEnv, graceMs) {
  return (step) => {
    const [file, ...args] = step.argv;
    if (file === void 0) throw new Error(`step '${step.name}' has an empty argv`);
    const gpus = options.gpus.length > 0 ? { CUDA_VISIBLE_DEVICES: options.gpus.join(",") } : {};
    return {
      file,
      args,
      env: { ...baseEnv, ...step.env, ...gpus },
      cwd: step.cwd,
      terminate: async (proc) => {
        if (proc.pid !== void 0) await killGroup(proc.pid, graceMs);
      },
      cleanup: async (proc) => {
        if (proc.pid !== void 0 && await groupAlive(proc.pid)) await killGroup(proc.pid, graceMs);
      },
      killNow: (proc) => killGroupNow(proc.pid)
    };
  };
}
function containerLauncher(kind, options, baseEnv, graceMs) {
  checkContainerInputs(options.image, options.mounts);
  const envUlimits = baseEnv[ULIMITS_ENV];
  const ulimits = options.ulimits ?? (envUlimits ? parseUlimits(envUlimits, `$${ULIMITS_ENV}`) : [...NVIDIA_ULIMITS]);
  const runtimeCommand = async (args) => {
    await execa(kind, args, { env: baseEnv, extendEnv: false, reject: false, stdin: "ignore", timeout: graceMs + 3e4 });
  };
  return (step, service) => {
    if (step.cwd !== void 0 && !options.mounts.some((dir) => step.cwd === dir || step.cwd?.startsWith(`${dir.replace(/\/$/, "")}/`))) {
      throw new Error(`step '${step.name}' runs in ${step.cwd}, which is under none of the mounted directories (${options.mounts.join(", ")})`);
    }
    const name2 = `engine-forge-${step.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}-${randomUUID2().slice(0, 8)}`;
    const envNames = Object.keys(step.env ?? {});
    const args = containerRunArgs({
      kind,
      image: options.image,
      name: name2,
      gpus: options.gpus,
      mounts: options.mounts,
      ulimits,
      envNames,
      workdir: step.cwd,
      hostNetwork: service,
      argv: step.argv
    });
    const endClient = async (proc) => {
      if (proc.pid !== void 0 && await groupAlive(proc.pid)) await killGroup(proc.pid, graceMs);
    };
    return {
      file: kind,
      args,
      // The secrets' values reach the runtime through its own environment: `--env NAME` copies them in.
      env: { ...baseEnv, ...step.env },
      where: `${kind} container ${name2} of ${options.image}, GPUs ${options.gpus.length > 0 ? options.gpus.join(",") : "none"}`,
      terminate: async (proc) => {
        const [stop, remove] = containerStopArgs(name2, graceMs);
        await runtimeCommand(stop);
        await endClient(proc);
        await runtimeCommand(remove);
      },
      cleanup: async (proc) => {
        await endClient(proc);
        await runtimeCommand(["rm", "-f", name2]);
      },
      killNow: (proc) => {
        spawnSync(kind, ["rm", "-f", name2], { env: baseEnv, stdio: "ignore", timeout: 15e3 });
        killGroupNow(proc.pid);
      }
    };
  };
}
async function runStep(launch, options, step, signal) {
  if (signal.aborted) throw abortError(signal);
  const { log } = options;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const launched = launch(step, false);
  log.group(step.name);
  try {
    log.line(`$ ${displayArgv(step.argv)}`);
    if (launched.where !== void 0) log.line(`  (in ${launched.where})`);
    const started = Date.now();
    let lastOutput = started;
    let lastBeat = started;
    const out = new OutputLines((line) => log.line(line));
    const streams = { stdout: out.stream(), stderr: out.stream() };
    const proc = spawnGroup(launched.file, launched.args, {
      env: launched.env,
      cwd: launched.cwd,
      onOutput: (text, stream) => {
        lastOutput = Date.now();
        streams[stream].push(text);
      }
    });
    const forget = onExitKill(() => launched.killNow(proc));
    let stopping;
    let timedOut = false;
    const stop = () => stopping ??= launched.terminate(proc);
    const onAbort = () => void stop();
    signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(
      () => {
        timedOut = true;
        log.line(`${step.name}: no end after ${formatDuration(step.timeoutMs)}, its time limit: stopping it`);
        void stop();
      },
      // setTimeout fires at once past 2^31-1 ms (24.8 days); no step runs that long.
      Math.min(step.timeoutMs, 2 ** 31 - 1)
    );
    const heartbeat = setInterval(
      () => {
        const now = Date.now();
        if (now - lastOutput < heartbeatMs || now - lastBeat < heartbeatMs) return;
        lastBeat = now;
        log.line(`${step.name}: still running, ${formatDuration(now - started)}, silent for ${formatDuration(now - lastOutput)}`);
      },
      Math.max(10, Math.min(heartbeatMs / 4, 5e3))
    );
    let end;
    try {
      end = await proc.exit;
    } finally {
      clearTimeout(timer);
      clearInterval(heartbeat);
      signal.removeEventListener("abort", onAbort);
    }
    await (stopping ?? launched.cleanup(proc));
    forget();
    await proc.drained;
    streams.stdout.flush();
    streams.stderr.flush();
    if (signal.aborted) throw abortError(signal);
    if (end.exitCode === 0 && !timedOut) return { durationMs: Date.now() - started, tail: out.tail() };
    throw new StepFailure({
      step: step.name,
      tool: step.argv[0] ?? step.name,
      exitCode: end.exitCode,
      signal: end.signal,
      timedOutAfterMs: timedOut ? step.timeoutMs : void 0,
      notStarted: end.spawnError !== void 0,
      tail: end.spawnError !== void 0 ? [end.spawnError] : out.tail(),
      flagsHint: step.flagsHint,
      runtime: options.runtime
    });
  } finally {
    log.endGroup();
  }
}
async function startService(launch, options, step, signal) {
  if (signal.aborted) throw abortError(signal);
  const { log } = options;
  const launched = launch(step, true);
  log.line(`${step.name}: $ ${displayArgv(step.argv)}${launched.where !== void 0 ? `  (in ${launched.where})` : ""}`);
  const out = new OutputLines((line) => log.line(`${step.name}: ${line}`));
  const streams = { stdout: out.stream(), stderr: out.stream() };
  const proc = spawnGroup(launched.file, launched.args, { env: launched.env, cwd: launched.cwd, onOutput: (text, stream) => streams[stream].push(text) });
  const forget = onExitKill(() => launched.killNow(proc));
  let stopping;
  const stop = () => stopping ??= launched.terminate(proc);
  const onAbort = () => void stop();
  signal.addEventListener("abort", onAbort, { once: true });
  const exited = (async () => {
    const end = await proc.exit;
    signal.removeEventListener("abort", onAbort);
    await (stopping ?? launched.cleanup(proc));
    forget();
    await proc.drained;
    streams.stdout.flush();
    streams.stderr.flush();
    return { exitCode: end.exitCode, signal: end.signal, tail: end.spawnError !== void 0 ? [end.spawnError] : out.tail() };
  })();
  const spawnError = await proc.spawned;
  if (spawnError !== void 0) {
    await exited;
    throw new StepFailure({ step: step.name, tool: step.argv[0] ?? step.name, notStarted: true, tail: [spawnError], runtime: options.runtime });
  }
  return {
    exited,
    stop: async () => {
      await stop();
      await exited;
    }
  };
}
async function detectRuntime(env = process.env, works = commandWorks) {
  if (await onPath("trtllm-build", env) || await onPath("trtllm-serve", env)) return "native";
  if (await works("docker", ["info"])) return "docker";
  if (await works("podman", ["info"])) return "podman";
  throw new UserError(
    "No way to run the TensorRT-LLM toolchain here: trtllm-build is not on PATH (runtime 'native'), and neither `docker info` nor `podman info` succeeds. Install docker with the NVIDIA Container Toolkit or podman with a CDI spec (nvidia-ctk cdi generate), or set the 'runtime' input"
  );
}
function runtimeFromInput(value, label = "input 'runtime'") {
  if (value === void 0 || value.trim() === "") return void 0;
  const kind = value.trim().toLowerCase();
  if (RUNTIME_KINDS.includes(kind)) return kind;
  throw new UserError(`${label} must be one of ${RUNTIME_KINDS.join(", ")} (got ${quote(value)})`);
}
async function onPath(tool, env) {
  for (const dir of (env.PATH ?? "").split(path8.delimiter)) {
    if (dir === "") continue;
    try {
      await access(path8.join(dir, tool), constants.X_OK);
      return true;
    } catch {
    }
  }
  return false;
}
async function commandWorks(file, args) {
  const result3 = await execa(file, args, { reject: false, stdin: "ignore", timeout: 3e4 });
  return result3.exitCode === 0;
}
function killGroupNow(pgid) {
  if (pgid === void 0) return;
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
  }
}
function definedEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (v !== void 0) out[k] = v;
  return out;
}

// src/build/pipeline.ts
var HOUR = 60 * 60 * 1e3;
var TIMEOUT = { quantize: 6 * HOUR, convert: 3 * HOUR, build: 6 * HOUR, smoke: 0.5 * HOUR };
var TimedToolchain = class {
  constructor(inner) {
    this.inner = inner;
  }
  inner;
  steps = [];
  elsewhereMs = 0;
  depth = 0;
  get runtime() {
    return this.inner.runtime;
  }
  async run(step, signal) {
    const result3 = await this.outside(void 0, () => this.inner.run(step, signal));
    this.steps.push({ name: step.name, durationMs: Math.round(result3.durationMs) });
    return result3;
  }
  start = (step, signal) => this.inner.start(step, signal);
  /** Time spent in something that is not build's own work (a step, a download, an upload). */
  async outside(name2, work) {
    const started = performance.now();
    this.depth++;
    try {
      return await work();
    } finally {
      this.depth--;
      const ms2 = performance.now() - started;
      if (this.depth === 0) this.elsewhereMs += ms2;
      if (name2) this.steps.push({ name: name2, durationMs: Math.round(ms2) });
    }
  }
  get outsideMs() {
    return this.elsewhereMs;
  }
};
async function prepare(ctx, cell, model2, needsOf) {
  await mkdir3(ctx.workDir, { recursive: true });
  await mkdir3(ctx.cacheDir, { recursive: true });
  const families = runnerFamilies(ctx.loaded.matrix);
  const facts = await readRunnerFacts({ workDir: ctx.workDir, cacheDir: ctx.cacheDir, families, env: ctx.env });
  const open3 = (gpus) => openToolchain({ runtime: ctx.runtime, image: ctx.loaded.matrix.toolchains.trtllm.image, gpus, mounts: [ctx.workDir, ctx.cacheDir], log: ctx.log, env: ctx.env });
  const toolchain = new TimedToolchain(open3([]));
  const sourceCached = await isCached(ctx.cacheDir, model2);
  const config = await fetchModelConfig({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, model2);
  const fit = checkRunner({ id: cell.id, gpu: cell.gpu, tp: cell.tp, runsOn: cell.runsOn }, facts, needsOf(config, sourceCached), families);
  if (fit.problems.length > 0) {
    throw new UserError(`this runner cannot build ${cell.id}:`, fit.problems);
  }
  toolchain.inner = open3(fit.gpus);
  return { toolchain, facts, gpus: fit.gpus };
}
async function fresh(dir) {
  await rm2(dir, { recursive: true, force: true });
  await mkdir3(dir, { recursive: true });
  return dir;
}
function modelOf(cell) {
  return { source: cell.source, revision: cell.revision };
}
async function buildCheckpoint(ctx, cell, artifactDir) {
  const began = performance.now();
  const model2 = ctx.loaded.matrix.models[cell.model];
  const tp2 = cell.gpuCount;
  const { toolchain, facts, gpus } = await prepare(
    ctx,
    { id: cell.id, gpu: cell.gpu, tp: tp2, runsOn: cell.runsOn },
    modelOf(cell),
    (config, sourceCached) => estimateNeeds({ ...model2.params !== void 0 ? { paramsBillions: model2.params } : {}, config, precision: cell.precision, tp: tp2, backend: "pytorch", maxSeqLen: model2["max-seq-len"], ...model2["kv-cache-dtype"] ? { kvCacheDtype: model2["kv-cache-dtype"] } : {}, quantizeHere: true, sourceCached })
  );
  const source = await toolchain.outside(void 0, () => fetchModel({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, modelOf(cell)));
  const out = await fresh(artifactDir);
  const script = await stageQuantizer(ctx);
  const calibration = await calibrationData(ctx, cell.calibration.dataset);
  const env = ctx.token ? { HF_TOKEN: ctx.token } : {};
  await toolchain.run(
    {
      name: "quantize",
      argv: [
        "python3",
        script,
        "quantize",
        "--model-dir",
        source.dir,
        "--output-dir",
        out,
        "--precision",
        cell.precision,
        "--calib-dataset",
        calibration,
        "--calib-size",
        String(cell.calibration.size),
        // Kept so the engine path can shard it per TP without calibrating again (export-trtllm).
        "--save-modelopt-state",
        ...model2["kv-cache-dtype"] === "fp8" ? ["--kv-cache-dtype", "fp8"] : []
      ],
      env,
      timeoutMs: TIMEOUT.quantize
    },
    ctx.signal
  );
  await copyTokenizer(source.dir, out);
  return finish(ctx, toolchain, cellTarget("checkpoint", cell, { trtllm: ctx.loaded.matrix.toolchains.trtllm }), out, facts, gpus, began, {});
}
async function buildEngineCell(ctx, cell, checkpointCell, artifactDir) {
  const began = performance.now();
  const trtllm2 = ctx.loaded.matrix.toolchains.trtllm;
  const model2 = ctx.loaded.matrix.models[cell.model];
  const backend = trtllm2.backend;
  const workers = backend === "tensorrt" ? cell.tp : 1;
  const noSource = backend === "pytorch" && checkpointCell !== void 0;
  const checkpointDownload = checkpointCell !== void 0 && !(await stat4(checkpointDir(ctx.cacheDir, checkpointCell)).catch(() => void 0))?.isDirectory();
  const { toolchain, facts, gpus } = await prepare(
    ctx,
    cell,
    modelOf(cell),
    (config, sourceCached) => estimateNeeds({
      ...model2.params !== void 0 ? { paramsBillions: model2.params } : {},
      config,
      precision: cell.precision,
      tp: cell.tp,
      backend,
      maxSeqLen: cell.maxSeqLen,
      ...model2["kv-cache-dtype"] ? { kvCacheDtype: model2["kv-cache-dtype"] } : {},
      quantizeHere: false,
      sourceCached: sourceCached || noSource,
      checkpointDownload,
      workers
    })
  );
  let checkpoint;
  let weights;
  if (checkpointCell) {
    const ref = { id: checkpointCell.id, fingerprint: checkpointCell.fingerprint };
    checkpoint = await toolchain.outside(void 0, () => fetchCheckpoint(ctx.store, ref, ctx.cacheDir, ctx.signal, ctx.channel));
    if (checkpoint.cached) ctx.log.line(`checkpoint ${ref.id} (${ref.fingerprint.slice(0, 12)}): reusing ${checkpoint.dir}`);
    weights = checkpoint.dir;
  } else {
    const source = await toolchain.outside(void 0, () => fetchModel({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, modelOf(cell)));
    if (source.cached) ctx.log.line(`model ${cell.source}@${cell.revision.slice(0, 12)}: reusing ${source.dir}`);
    weights = source.dir;
  }
  const out = await fresh(artifactDir);
  const extra = {};
  if (backend === "tensorrt") {
    await buildEngine(ctx, toolchain, cell, weights, checkpoint !== void 0, out, workers, facts, gpus);
  } else {
    extra.coldStartMs = await preparePytorch(ctx, toolchain, cell, weights, checkpoint, out);
  }
  return finish(ctx, toolchain, cellTarget("engine", cell, { trtllm: trtllm2 }), out, facts, gpus, began, extra);
}
async function buildEngine(ctx, toolchain, cell, weights, quantized, out, workers, facts, gpus) {
  const trtllm2 = ctx.loaded.matrix.toolchains.trtllm;
  const scratch = await fresh(path9.join(ctx.workDir, "scratch", ...cell.id.split("/")));
  const trtCheckpoint = path9.join(scratch, "trtllm-checkpoint");
  try {
    if (quantized) {
      const source = await toolchain.outside(void 0, () => fetchModel({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, modelOf(cell)));
      const script = await stageQuantizer(ctx);
      await toolchain.run(
        { name: "export TensorRT-LLM checkpoint", argv: ["python3", script, "export-trtllm", "--model-dir", source.dir, "--quantized-dir", weights, "--output-dir", trtCheckpoint, "--tp-size", String(cell.tp)], timeoutMs: TIMEOUT.convert },
        ctx.signal
      );
    } else {
      const architecture = await architectureOf(weights);
      const exampleDir = EXAMPLE_DIR[architecture];
      if (!exampleDir) throw new UserError(`${cell.id}: no convert_checkpoint.py is known for architecture ${quote(architecture)} (known: ${Object.keys(EXAMPLE_DIR).join(", ")})`);
      const label = weightOnly(cell.precision) ? "convert checkpoint (weight-only)" : "convert checkpoint";
      await toolchain.run({ name: label, argv: convertCheckpointArgv(cell, { examples: ctx.examples, exampleDir, modelDir: weights, outputDir: trtCheckpoint }), timeoutMs: TIMEOUT.convert }, ctx.signal);
    }
    const gpuName = facts.gpus.find((g) => g.index === gpus[0])?.name ?? cell.gpu;
    const cacheFile = path9.join(ctx.cacheDir, "timing-caches", `${slug(gpuName)}--trtllm-${slug(trtllm2.version)}.cache`);
    await mkdir3(path9.dirname(cacheFile), { recursive: true });
    await toolchain.outside("timing cache (get)", () => ctx.store.getTimingCache(gpuName, trtllm2.version, cacheFile, { signal: ctx.signal }));
    const flagsHint = buildFlagsHint(ctx.loaded, cell.model);
    await toolchain.run(
      { name: "trtllm-build", argv: trtllmBuildArgv(cell, { checkpointDir: trtCheckpoint, outputDir: out, workers: Math.min(workers, gpus.length), timingCache: cacheFile }), timeoutMs: TIMEOUT.build, flagsHint },
      ctx.signal
    );
    await copyTokenizer(weights, out);
    await checkEngineDir(out, { cellId: cell.id, trtllmVersion: trtllm2.version, tp: cell.tp });
    if (ctx.publish && (await stat4(cacheFile).catch(() => void 0))?.isFile()) {
      await toolchain.outside("timing cache (put)", () => ctx.store.putTimingCache(gpuName, trtllm2.version, cacheFile, { signal: ctx.signal }));
    }
  } finally {
    await rm2(scratch, { recursive: true, force: true });
  }
}
async function preparePytorch(ctx, toolchain, cell, weights, checkpoint, out) {
  const model2 = ctx.loaded.matrix.models[cell.model];
  const config = servingConfig(cell, { kvCacheDtype: model2["kv-cache-dtype"] });
  const configPath = path9.join(out, "serve.yaml");
  await writeFile2(configPath, `# trtllm-serve <weights> --config serve.yaml  (${cell.id}, TensorRT-LLM ${ctx.loaded.matrix.toolchains.trtllm.version})
${(0, import_yaml2.stringify)(config)}`);
  const smoke = await toolchain.outside("smoke start", () => smokeStart(toolchain, { modelPath: weights, configPath, timeoutMs: TIMEOUT.smoke }, ctx.signal));
  ctx.log.line(`smoke start: healthy after ${(smoke.coldStartMs / 1e3).toFixed(1)} s, first token after ${smoke.firstTokenMs} ms: ${JSON.stringify(smoke.text)}`);
  const reference = {
    path: "pytorch",
    serve: `trtllm-serve <weights> --backend pytorch --config serve.yaml`,
    weights: checkpoint ? { kind: "checkpoint", id: checkpoint.manifest?.id, version: checkpoint.manifest?.version, fingerprint: checkpoint.manifest?.fingerprint, uri: checkpoint.uri, manifest: checkpoint.manifestUri } : { kind: "huggingface", source: cell.source, revision: cell.revision },
    trtllm: ctx.loaded.matrix.toolchains.trtllm.version,
    smoke: { coldStartMs: smoke.coldStartMs, firstTokenMs: smoke.firstTokenMs }
  };
  await writeFile2(path9.join(out, "engine-forge.json"), `${JSON.stringify(reference, null, 2)}
`);
  return smoke.coldStartMs;
}
async function finish(ctx, toolchain, target, out, facts, gpus, began, extra) {
  ctx.signal.throwIfAborted();
  const used = facts.gpus.filter((g) => gpus.includes(g.index));
  const first = used[0] ?? facts.gpus[0];
  const trtllm2 = ctx.loaded.matrix.toolchains.trtllm;
  const [digest, cuda] = await Promise.all([imageDigest(ctx.runtime, trtllm2.image), readCudaVersion(ctx.env)]);
  target.provenance = {
    ...ctx.origin,
    ...first ? { gpu: used.length > 1 ? `${used.length} \xD7 ${first.name}` : first.name, driver: first.driver } : {},
    ...cuda ? { cuda } : {},
    gpus: used.map((g) => ({ index: g.index, name: g.name, uuid: g.uuid })),
    gpuCount: used.length,
    toolchain: { runtime: ctx.runtime, version: trtllm2.version, ...ctx.runtime === "native" ? {} : { image: trtllm2.image }, ...digest ? { digest } : {} },
    steps: toolchain.steps,
    bytes: await directoryBytes(out),
    ...extra
  };
  let published;
  if (ctx.publish) {
    published = await toolchain.outside(
      void 0,
      () => publishArtifact(ctx.store, target, out, {
        signal: ctx.signal,
        allowUnsafe: ctx.allowUnsafe,
        ...ctx.channel ? { channel: ctx.channel } : {},
        log: (line) => line.startsWith("warning: ") ? ctx.log.warning(line.slice(9)) : ctx.log.line(line)
      })
    );
  }
  const manifest = published ? published.created ? published.manifest : published.existing : void 0;
  return {
    id: target.id,
    dir: out,
    published,
    uri: manifest ? ctx.store.uri(manifestDataPrefix(manifest, manifest.data)) : void 0,
    steps: toolchain.steps,
    overheadMs: Math.round(performance.now() - began - toolchain.outsideMs)
  };
}
async function imageDigest(runtime, image) {
  if (runtime === "native") return void 0;
  const run = await execa(runtime, ["image", "inspect", "--format", "{{json .RepoDigests}}", image], { reject: false, timeout: 3e4 });
  if (run.exitCode !== 0) return void 0;
  try {
    const digests = JSON.parse(run.stdout);
    return digests?.[0]?.replace(/^.*@/, "");
  } catch {
    return void 0;
  }
}
async function directoryBytes(dir) {
  let total = 0;
  for (const entry of await readdir5(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat4(path9.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
async function architectureOf(dir) {
  const config = JSON.parse(await readFile7(path9.join(dir, "config.json"), "utf8"));
  return config.architectures?.[0] ?? "unknown";
}
async function stageQuantizer(ctx) {
  if (!ctx.quantizer) throw new Error("python/engine_forge_quantize.py is missing from this copy of engine-forge (it ships beside dist/)");
  const staged = path9.join(ctx.workDir, ".engine-forge", path9.basename(ctx.quantizer));
  await mkdir3(path9.dirname(staged), { recursive: true });
  await copyFile2(ctx.quantizer, staged);
  return staged;
}
async function calibrationData(ctx, dataset) {
  const candidate = path9.resolve(ctx.workspace, dataset);
  const info2 = await stat4(candidate).catch(() => void 0);
  if (!info2?.isFile()) return dataset;
  const staged = path9.join(ctx.workDir, ".engine-forge", "calibration", path9.basename(candidate));
  await mkdir3(path9.dirname(staged), { recursive: true });
  await copyFile2(candidate, staged);
  return staged;
}
function buildFlagsHint(loaded, model2) {
  const lines = loaded.text.split("\n");
  const find = (pattern, from = 0) => lines.findIndex((l, i) => i >= from && pattern.test(l));
  const modelLine = find(new RegExp(`^\\s+${model2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`), Math.max(0, find(/^models:/)));
  if (modelLine >= 0) {
    const indent = /^\s*/.exec(lines[modelLine])[0].length;
    for (let i = modelLine + 1; i < lines.length && (lines[i].trim() === "" || /^\s*/.exec(lines[i])[0].length > indent); i++) {
      if (/^\s*build-flags:/.test(lines[i])) return `${loaded.file}:${i + 1} models.${model2}.build-flags`;
    }
  }
  const toolchainLine = find(/^\s+build-flags:/);
  return toolchainLine >= 0 ? `${loaded.file}:${toolchainLine + 1} toolchains.trtllm.build-flags` : `${loaded.file}: toolchains.trtllm.build-flags`;
}
function slug(text) {
  return text.replace(/[^A-Za-z0-9.]+/g, "-").replace(/^-|-$/g, "");
}

// src/store/open.ts
import path13 from "node:path";

// src/store/local-artifacts.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, statSync as statSync2 } from "node:fs";
import { mkdir as mkdir6, open, readdir as readdir7, rm as rm4, unlink as unlink2 } from "node:fs/promises";
import path12 from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/store/local.ts
import { readFileSync, statSync } from "node:fs";
import { link, mkdir as mkdir4, readFile as readFile8, readdir as readdir6, unlink, writeFile as writeFile3 } from "node:fs/promises";
import path10 from "node:path";
import { randomUUID as randomUUID3 } from "node:crypto";
var LocalStore = class {
  constructor(root) {
    this.root = root;
    this.location = path10.resolve(root);
  }
  root;
  location;
  /** The file that holds a key. */
  pathOf(key) {
    for (const kind of ArtifactKind.options) {
      for (const channel of ["published", "candidate"]) {
        const prefix = manifestPrefix(kind, channel);
        if (key.startsWith(prefix)) return path10.join(this.root, prefix, encodeURIComponent(key.slice(prefix.length)));
      }
    }
    return path10.join(this.root, ...key.split("/"));
  }
  async list(kind, idPrefix = "", channel = "published") {
    const base = path10.join(this.root, manifestPrefix(kind, channel));
    let entries;
    try {
      entries = await readdir6(base);
    } catch (error) {
      if (error.code === "ENOENT") return [];
      throw error;
    }
    const found = [];
    for (const entry of entries) {
      if (!entry.endsWith(".json")) continue;
      const key = manifestPrefix(kind, channel) + decodeURIComponent(entry);
      const address = parseManifestKey(kind, key, channel);
      if (!address || !address.id.startsWith(idPrefix)) continue;
      const info2 = statSync(path10.join(base, entry), { throwIfNoEntry: false });
      if (info2) found.push({ ...address, key, modified: info2.mtime });
    }
    return found;
  }
  async readManifest(address) {
    const key = manifestKey(address);
    const text = readFileSync(this.pathOf(key), "utf8");
    return parseManifestText(`${this.location}/${key}`, text);
  }
  async commitManifest(manifest, channel = "published") {
    const claimKey = versionClaimKey(manifest.model, manifest.version);
    const claim = {
      where: this.pathOf(claimKey),
      read: () => this.readText(claimKey),
      create: (body) => this.createOnly(claimKey, body),
      earliest: () => earliestManifest((kind) => this.list(kind), (a) => this.readManifest(a), manifest.model, manifest.version)
    };
    await (channel === "candidate" ? checkVersionClaim(claim, manifest) : claimVersion(claim, manifest));
    const address = { ...addressOf(manifest), ...channel === "candidate" ? { channel } : {} };
    if (await this.createOnly(manifestKey(address), `${JSON.stringify(manifest, null, 2)}
`)) return { created: true };
    return { created: false, existing: await this.readManifest(address) };
  }
  async readVersionClaim(model2, version) {
    const key = versionClaimKey(model2, version);
    const text = await this.readText(key);
    return text === void 0 ? void 0 : parseClaim(text, this.pathOf(key));
  }
  /** Writes a key only if it does not exist; false when it does. */
  async createOnly(key, body) {
    const target = this.pathOf(key);
    await mkdir4(path10.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID3()}.tmp`;
    await writeFile3(temporary, body, { flag: "wx" });
    try {
      await link(temporary, target);
      return true;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      return false;
    } finally {
      await unlink(temporary);
    }
  }
  async readText(key) {
    try {
      return await readFile8(this.pathOf(key), "utf8");
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      throw error;
    }
  }
};
function parseManifestText(where, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`manifest ${where} is not valid JSON (truncated or corrupted): ${error.message}`);
  }
  const schema = data?.schema;
  if (schema !== "engine-forge/manifest@1") {
    throw new UserError(`manifest ${where} has schema ${quote(schema)}, which this engine-forge does not know (expected 'engine-forge/manifest@1'); upgrade engine-forge`);
  }
  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserError(`manifest ${where} is invalid at ${first.path.join(".") || "(top level)"}: ${first.message}`);
  }
  return parsed.data;
}

// src/store/whole-file.ts
import { randomUUID as randomUUID4 } from "node:crypto";
import { copyFile as copyFile3, mkdir as mkdir5, rename as rename3, rm as rm3 } from "node:fs/promises";
import path11 from "node:path";
async function replaceFile(source, target) {
  await mkdir5(path11.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID4()}.tmp`;
  try {
    await copyFile3(source, temporary);
    await rename3(temporary, target);
  } catch (error) {
    await rm3(temporary, { force: true });
    throw error;
  }
}
async function copyIfExists(source, target) {
  try {
    await replaceFile(source, target);
    return true;
  } catch (error) {
    if (error.code === "ENOENT" && error.path === source) return false;
    throw error;
  }
}

// src/store/local-artifacts.ts
var LocalArtifactStore = class extends LocalStore {
  uri(key) {
    return this.pathOf(key);
  }
  async conditionalWrites() {
    return { honoured: true, detail: "manifests appear by link(2), which fails when the name exists" };
  }
  async putFiles(_address, data, files, options = {}) {
    const entries = new Array(files.length);
    await forEachLimit(files, 4, async (file, index) => {
      const destination = safeJoin(path12.join(this.location, data), file.path);
      await mkdir6(path12.dirname(destination), { recursive: true });
      const handle = await open(file.absolute, "r");
      try {
        assertUnchanged(file, await handle.stat(), file.size);
        const { sha256, size } = await copyHashing(createReadStream("", { fd: handle, autoClose: false, start: 0 }), destination, options);
        assertUnchanged(file, await handle.stat(), size);
        entries[index] = { path: file.path, size, sha256 };
      } finally {
        await handle.close();
      }
    });
    return entries;
  }
  async fetchFiles(manifest, dir, options = {}) {
    const prefix = manifestDataPrefix(manifest, manifest.data);
    await forEachLimit(manifest.files, 4, async (entry) => {
      const destination = safeJoin(dir, entry.path);
      await mkdir6(path12.dirname(destination), { recursive: true });
      const source = path12.join(this.location, prefix, ...entry.path.split("/"));
      const { sha256, size } = await copyHashing(createReadStream(source), destination, options).catch((error) => {
        throw error.code === "ENOENT" && error.path === source ? new MissingFileError(entry.path, source) : error;
      });
      if (size !== entry.size || sha256 !== entry.sha256) {
        throw new IntegrityError(entry.path, `expected ${entry.size} bytes with sha256 ${entry.sha256}, got ${size} bytes with sha256 ${sha256}`);
      }
    });
  }
  async missingFiles(manifest) {
    const prefix = manifestDataPrefix(manifest, manifest.data);
    return manifest.files.map((f) => f.path).filter((p) => !statSync2(path12.join(this.location, prefix, ...p.split("/")), { throwIfNoEntry: false })?.isFile());
  }
  async deleteData(prefix) {
    const dir = path12.join(this.location, prefix);
    const count = (await listFiles2(dir)).length;
    await rm4(dir, { recursive: true, force: true });
    return count;
  }
  async deleteArtifact(address) {
    await this.deleteManifest(address);
    await this.deleteData(manifestDataPrefix(address, void 0));
  }
  async deleteManifest(address) {
    await unlink2(this.pathOf(manifestKey(address))).catch((error) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  async getTimingCache(gpuModel, trtllmVersion, file) {
    return copyIfExists(this.pathOf(timingCacheKey(gpuModel, trtllmVersion)), file);
  }
  async putTimingCache(gpuModel, trtllmVersion, file) {
    await replaceFile(file, this.pathOf(timingCacheKey(gpuModel, trtllmVersion)));
  }
  /** A local publish has no multipart state: a crash leaves only files, which gc finds among the data. */
  async listPendingUploads() {
    return [];
  }
  async abortPendingUpload() {
  }
  async listDataObjects() {
    return (await listFiles2(path12.join(this.location, "data"))).map((f) => ({ key: `data/${f.relative}`, size: f.size, modified: f.modified }));
  }
};
async function copyHashing(source, destination, options) {
  const hash = createHash("sha256");
  let size = 0;
  const tap = new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      options.onBytes?.(chunk.length);
      done(null, chunk);
    }
  });
  await pipeline(source, tap, createWriteStream(destination, { flags: "wx" }), ...options.signal ? [{ signal: options.signal }] : []);
  return { sha256: hash.digest("hex"), size };
}
async function listFiles2(dir) {
  let entries;
  try {
    entries = await readdir7(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = path12.join(entry.parentPath, entry.name);
    const info2 = statSync2(absolute, { throwIfNoEntry: false });
    if (info2) files.push({ relative: path12.relative(dir, absolute).split(path12.sep).join("/"), size: info2.size, modified: info2.mtime });
  }
  return files;
}

// src/store/open.ts
var DEFAULT_LOCAL_STORE = ".engine-forge/store";
async function openStore(settings) {
  const location = settings.string("store") ?? DEFAULT_LOCAL_STORE;
  if (location.startsWith("s3://")) {
    const { openS3Store } = await import("./open-XHDWC7GL.js");
    return openS3Store(location, settings);
  }
  return new LocalArtifactStore(path13.resolve(settings.workspace(), location));
}

// src/store/transfer/signals.ts
function abortOnSignals(signals = ["SIGINT", "SIGTERM"]) {
  const controller = new AbortController();
  let received;
  const handler = (name2) => {
    if (received) {
      process.exit(128 + (name2 === "SIGINT" ? 2 : 15));
    }
    received = name2;
    const error = new Error(`interrupted by ${name2}`);
    error.name = "AbortError";
    controller.abort(error);
  };
  for (const s3 of signals) process.on(s3, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const s3 of signals) process.off(s3, handler);
    }
  };
}

// src/github/event.ts
import { readFile as readFile9 } from "node:fs/promises";
var NULL_SHA = /^0+$/;
var SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
async function readEvent(env = process.env) {
  const name2 = env.GITHUB_EVENT_NAME ?? "";
  const path21 = env.GITHUB_EVENT_PATH;
  let payload = {};
  if (path21) {
    let text;
    try {
      text = await readFile9(path21, "utf8");
    } catch (error) {
      throw new UserError(`GITHUB_EVENT_PATH ${quote(path21)} cannot be read: ${error.message}`);
    }
    try {
      payload = JSON.parse(text);
    } catch {
      throw new UserError(`GITHUB_EVENT_PATH ${quote(path21)} is not JSON`);
    }
  }
  const event = parseEvent(name2, payload, env.GITHUB_REPOSITORY);
  return event.ref === void 0 && env.GITHUB_REF ? { ...event, ref: env.GITHUB_REF } : event;
}
function parseEvent(name2, payload, repository) {
  const p = asRecord(payload);
  const repo = parseRepo(str(asRecord(p.repository).full_name) ?? repository);
  const ref = str(p.ref);
  const defaultBranch = str(asRecord(p.repository).default_branch);
  const base = { name: name2, ...repo ? { repo } : {}, ...ref ? { ref } : {}, ...defaultBranch ? { defaultBranch } : {} };
  if (name2 === "push") {
    return {
      ...base,
      kind: "push",
      ...sha("baseSha", str(p.before)),
      ...sha("headSha", str(p.after)),
      isFork: false
    };
  }
  if (name2 === "pull_request" || name2 === "pull_request_target") {
    const pr2 = asRecord(p.pull_request);
    const number = typeof p.number === "number" ? p.number : pr2.number;
    return {
      ...base,
      kind: name2,
      ...sha("baseSha", str(asRecord(pr2.base).sha)),
      ...sha("headSha", str(asRecord(pr2.head).sha)),
      ...typeof number === "number" && Number.isInteger(number) ? { prNumber: number } : {},
      isFork: pullRequestIsFork(pr2, repo)
    };
  }
  if (name2 === "workflow_dispatch") return { ...base, kind: "workflow_dispatch", isFork: false };
  const pr = asRecord(p.pull_request);
  if (Object.keys(pr).length > 0) return { ...base, kind: "other", isFork: pullRequestIsFork(pr, repo) };
  const run = asRecord(p.workflow_run);
  if (Object.keys(run).length > 0) {
    const from = str(asRecord(run.head_repository).full_name);
    return { ...base, kind: "other", isFork: !repo || from !== `${repo.owner}/${repo.name}` };
  }
  return { ...base, kind: "other", isFork: false };
}
function pullRequestIsFork(pr, repo) {
  const head = str(asRecord(asRecord(pr.head).repo).full_name);
  const target = str(asRecord(asRecord(pr.base).repo).full_name) ?? (repo ? `${repo.owner}/${repo.name}` : void 0);
  return head === void 0 || target === void 0 || head.toLowerCase() !== target.toLowerCase();
}
function sha(key, value) {
  if (value === void 0 || NULL_SHA.test(value) || !SHA.test(value)) return {};
  return { [key]: value };
}
function parseRepo(fullName) {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(fullName ?? "");
  return match ? { owner: match[1], name: match[2] } : void 0;
}
function asRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}

// src/commands/channel.ts
var CHANNEL_INPUTS = ["auto", "default-branch", "pull-request"];
function chooseChannel(input, event) {
  const pr = event.prNumber === void 0 ? {} : { pullRequest: event.prNumber };
  if (input === "pull-request") return { channel: "candidate", promote: false, ...pr, why: "channel: pull-request" };
  if (input === "default-branch") return { channel: "published", promote: true, why: "channel: default-branch" };
  if (event.name === "") return { channel: "published", promote: false, why: "outside GitHub Actions" };
  if (event.name.startsWith("pull_request") || event.prNumber !== void 0 || event.name === "merge_group") {
    return { channel: "candidate", promote: false, ...pr, why: `the ${event.name} event is not merged code` };
  }
  if (event.name === "schedule") return { channel: "published", promote: true, why: "a scheduled run is on the default branch" };
  if (event.defaultBranch !== void 0 && event.ref === `refs/heads/${event.defaultBranch}`) {
    return { channel: "published", promote: true, why: `${event.ref} is the default branch` };
  }
  const where = event.ref === void 0 ? "a ref" : event.ref;
  const what = event.defaultBranch === void 0 ? "the default branch is unknown for this event" : `the default branch is ${event.defaultBranch}`;
  return { channel: "candidate", promote: false, why: `${where} on ${event.name}: ${what} (set 'channel: default-branch' to publish)` };
}
async function channelOf(settings) {
  return chooseChannel(settings.oneOf("channel", CHANNEL_INPUTS), await readEvent(settings.env));
}

// src/commands/cell-entry.ts
function cellEntryValue(settings, raw) {
  return raw.trim().startsWith("{") ? settings.json("cell") : raw.trim();
}
function engineCellsById(loaded, ids, { buildable = true } = {}, engines = deriveCells(loaded.matrix).engines) {
  return ids.map((id) => {
    const cell = engines.find((c) => c.id === id);
    if (!cell) throw new UserError(`cell ${quote(id)} is not in ${quote(loaded.file)}; was the matrix changed since the plan ran?`);
    if (buildable && cell.unsupported) throw new UserError(`cell ${quote(id)} cannot be built: ${cell.unsupported}`);
    return cell;
  });
}

// src/commands/provenance.ts
import os from "node:os";
async function collectProvenance(env = process.env, smi = queryNvidiaSmi) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  const attempt = env.GITHUB_RUN_ATTEMPT ? ` attempt ${env.GITHUB_RUN_ATTEMPT}` : "";
  const gpu2 = parseSmi(await smi());
  return {
    ...env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {},
    ...env.GITHUB_SHA ? { commit: env.GITHUB_SHA } : {},
    ...runUrl ? { runUrl: `${runUrl}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ""}` } : {},
    ...gpu2,
    publisher: env.GITHUB_ACTIONS === "true" ? `${env.RUNNER_NAME ?? "runner"}${attempt}` : os.hostname()
  };
}
function parseSmi(text) {
  if (!text) return {};
  let gpus;
  try {
    gpus = parseNvidiaSmiCsv(text);
  } catch {
    return {};
  }
  const first = gpus[0];
  if (!first) return {};
  return { gpu: gpus.length > 1 ? `${gpus.length} \xD7 ${first.name}` : first.name, ...first.driver ? { driver: first.driver } : {} };
}
async function queryNvidiaSmi() {
  try {
    const { stdout } = await execa("nvidia-smi", [...NVIDIA_SMI_ARGS], { timeout: 1e4 });
    return stdout;
  } catch {
    return void 0;
  }
}

// src/commands/build.ts
var RUNTIMES = ["docker", "podman", "native"];
async function buildCommand({ settings, log }) {
  const loaded = await loadMatrixFile(settings.required("matrix"), { workspace: settings.workspace(), maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const job = jobOf(settings, loaded);
  const token = settings.env.HF_TOKEN || void 0;
  if (token && settings.source.kind === "action") {
    const core = await import("./core-VCZ6BNDF.js");
    core.setSecret(token);
  }
  const { HF_TOKEN: _dropped, ...env } = settings.env;
  void _dropped;
  const runtime = settings.oneOf("runtime", RUNTIMES) ?? await detectRuntime(settings.env);
  const workDir = path14.resolve(settings.workspace(), settings.string("work-dir") ?? path14.join(settings.env.RUNNER_TEMP || os2.tmpdir(), "engine-forge", "work"));
  const cacheDir = path14.resolve(settings.workspace(), settings.string("cache-dir") ?? defaultCacheDir(settings.env));
  const publish = settings.bool("publish", true);
  const toStderr = (text) => process.stderr.write(text);
  const buildLog = settings.source.kind === "action" ? actionsBuildLog() : terminalBuildLog(toStderr, toStderr);
  const { channel, pullRequest, why } = await channelOf(settings);
  if (publish && channel === "candidate") log.info(`storing pull-request candidates (${why}): resolve never returns them; the default branch's plan promotes them once merged`);
  const origin = await collectProvenance(settings.env, async () => void 0);
  const interrupt = abortOnSignals();
  const ctx = {
    loaded,
    workspace: settings.workspace(),
    store: await openStore(settings),
    runtime,
    workDir,
    cacheDir,
    examples: settings.string("trtllm-examples") ?? "/app/tensorrt_llm/examples",
    quantizer: quantizerScript(),
    publish,
    allowUnsafe: settings.bool("allow-unsafe-store", false),
    token,
    env,
    signal: interrupt.signal,
    log: buildLog,
    origin: { ...origin, ...channel === "candidate" && pullRequest !== void 0 ? { pullRequest } : {} },
    channel
  };
  const root = path14.join(workDir, "artifacts");
  const outcomes = [];
  try {
    if (job.kind === "checkpoint") {
      outcomes.push(await buildCheckpoint(ctx, job.checkpoint, path14.join(root, ...job.checkpoint.id.split("/"))));
    } else {
      for (const { cell, checkpoint } of job.cells) outcomes.push(await buildEngineCell(ctx, cell, checkpoint, path14.join(root, ...cell.id.split("/"))));
    }
  } catch (error) {
    const signal = interrupt.received();
    if (signal) throw new UserError(`build interrupted by ${signal}: the running step was stopped, uploads in flight were aborted, nothing was published`);
    throw error;
  } finally {
    interrupt.dispose();
  }
  for (const o of outcomes) log.info(`${o.id}: ${outcomeText(o)}`);
  const artifactDir = outcomes.length === 1 ? outcomes[0].dir : root;
  return {
    outputs: {
      uri: outcomes.map((o) => o.uri ?? "").join("\n"),
      manifest: outcomes.map((o) => o.published?.uri ?? "").join("\n"),
      "artifact-dir": artifactDir,
      ...publish ? { channel: channel === "candidate" ? "pull-request" : "default-branch" } : {}
    },
    summary: renderBuildSummary(outcomes),
    text: outcomes.map((o) => `${o.id}: ${o.published ? o.uri ?? "" : o.dir} (${o.steps.map((s3) => `${s3.name} ${(s3.durationMs / 1e3).toFixed(1)} s`).join(", ")}; own overhead ${(o.overheadMs / 1e3).toFixed(2)} s)`).join("\n"),
    json: outcomes
  };
}
function defaultCacheDir(env) {
  if (env.RUNNER_TOOL_CACHE) return path14.join(env.RUNNER_TOOL_CACHE, "engine-forge");
  return path14.join(env.XDG_CACHE_HOME || path14.join(os2.homedir(), ".cache"), "engine-forge");
}
function quantizerScript() {
  for (let dir = import.meta.dirname; path14.dirname(dir) !== dir; dir = path14.dirname(dir)) {
    const candidate = path14.join(dir, "python", "engine_forge_quantize.py");
    if (existsSync(candidate)) return candidate;
  }
  return void 0;
}
function jobOf(settings, loaded) {
  const raw = settings.string("cell");
  if (raw === void 0) throw new UserError("input 'cell' is required (one entry of plan's 'engines' or 'checkpoints' output)");
  const value = cellEntryValue(settings, raw);
  const entry = typeof value === "object" && value !== null ? value : void 0;
  const { engines, checkpoints } = deriveCells(loaded.matrix);
  const checkpointId2 = typeof value === "string" && value.split("/").length === 2 ? value : typeof entry?.checkpoint === "string" ? entry.checkpoint : void 0;
  if (checkpointId2 !== void 0) {
    const checkpoint = checkpoints.find((c) => c.id === checkpointId2);
    if (!checkpoint) throw new UserError(`checkpoint ${quote(checkpointId2)} is not in ${quote(loaded.file)}; was the matrix changed since the plan ran?`);
    if (checkpoint.unsupported) throw new UserError(`checkpoint ${quote(checkpointId2)} cannot be built: ${checkpoint.unsupported}`);
    if (typeof entry?.fingerprint === "string" && entry.fingerprint !== checkpoint.fingerprint) {
      throw new UserError(`checkpoint ${quote(checkpointId2)}: the plan made it for fingerprint ${entry.fingerprint.slice(0, 12)}, but ${quote(loaded.file)} now gives ${checkpoint.fingerprint.slice(0, 12)}; was the matrix changed since the plan ran?`);
    }
    return { kind: "checkpoint", checkpoint };
  }
  const ids = typeof value === "string" ? [value] : entry?.cells;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
    throw new UserError(`input 'cell' must be an entry of plan's 'engines' output (a non-empty 'cells' list) or 'checkpoints' output (a 'checkpoint' id) (got ${quote(raw)})`);
  }
  const cells = engineCellsById(loaded, ids, {}, engines).map((cell) => ({ cell, checkpoint: checkpoints.find((c) => c.id === cell.checkpoint) }));
  return { kind: "engines", cells };
}
function renderBuildSummary(outcomes) {
  const seconds = (ms2) => `${(ms2 / 1e3).toFixed(1)} s`;
  const lines = ["### engine-forge build", ""];
  if (outcomes.some((o) => o.published?.channel === "candidate")) {
    lines.push("Stored as **pull-request candidates**: no deploy resolves them; the default branch's plan promotes them, without rebuilding, once this change merges.", "");
  }
  lines.push("| artifact | result | steps |", "|---|---|---|");
  for (const o of outcomes) {
    lines.push(`| \`${o.id}\` | ${outcomeText(o, "`")} | ${o.steps.map((s3) => `${s3.name} ${seconds(s3.durationMs)}`).join("<br>")} |`);
  }
  return `${lines.join("\n")}
`;
}
function outcomeText(o, code2 = "") {
  const p = o.published;
  if (!p) return `left in ${code2}${o.dir}${code2} (publish: false, nothing stored)`;
  const candidate = p.channel === "candidate";
  const uri = `${code2}${o.uri ?? ""}${code2}`;
  if (p.created) return `${candidate ? "stored as a pull-request candidate" : "published"} \u2192 ${uri}`;
  const where = candidate ? "already stored as a pull-request candidate" : "already published";
  return `${p.reason === "lost-race" ? `${where} by another run` : where} \u2192 ${uri}`;
}

// src/commands/bench.ts
import { createHash as createHash2 } from "node:crypto";
import { readFileSync as readFileSync2 } from "node:fs";
import path16 from "node:path";
import { performance as performance4 } from "node:perf_hooks";

// src/bench/serve.ts
import http2 from "node:http";
import https2 from "node:https";
import { performance as performance3 } from "node:perf_hooks";
import { setTimeout as sleep3 } from "node:timers/promises";

// src/bench/load.ts
import http from "node:http";
import https from "node:https";
import { performance as performance2 } from "node:perf_hooks";
function completionsUrl(endpoint) {
  let url2;
  try {
    url2 = new URL(endpoint);
  } catch {
    throw new UserError(`endpoint must be a URL like http://127.0.0.1:8000 (got ${quote(endpoint)})`);
  }
  if (url2.protocol !== "http:" && url2.protocol !== "https:") throw new UserError(`endpoint must be an http:// or https:// URL (got ${quote(endpoint)})`);
  const base = url2.pathname.replace(/\/+$/, "");
  url2.pathname = `${base.endsWith("/v1") ? base : `${base}/v1`}/completions`;
  return url2;
}
async function runLevel(opts) {
  if (opts.prompts.length === 0) throw new Error("runLevel: no prompts");
  const url2 = completionsUrl(opts.endpoint);
  const mod = url2.protocol === "https:" ? https : http;
  const agent = new mod.Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const samples = [];
  let next = 0;
  let first = Infinity;
  let last = -Infinity;
  const worker = async () => {
    while (next < opts.requests && !opts.signal?.aborted) {
      const prompt = opts.prompts[next++ % opts.prompts.length];
      const sample = await streamOne2(mod, agent, url2, opts, prompt);
      first = Math.min(first, sample.start);
      last = Math.max(last, sample.end);
      samples.push(sample);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.requests) }, worker));
  } finally {
    agent.destroy();
  }
  return { samples, wallMs: samples.length > 0 ? last - first : 0 };
}
function streamOne2(mod, agent, url2, opts, p) {
  const body = JSON.stringify({
    model: opts.model,
    prompt: p.prompt,
    max_tokens: p.maxTokens,
    temperature: 0,
    ignore_eos: true,
    stream: true,
    stream_options: { include_usage: true }
  });
  return new Promise((resolve) => {
    const tokenTimes = [];
    let usage;
    let settled = false;
    const start = performance2.now();
    const finish2 = (error) => {
      if (settled) return;
      settled = true;
      const outputTokens = usage?.completion_tokens ?? tokenTimes.length;
      const sample = { start, end: performance2.now(), tokenTimes, outputTokens, inputTokens: usage?.prompt_tokens ?? 0 };
      resolve(error === void 0 ? sample : { ...sample, error });
      req.destroy();
    };
    const req = mod.request(url2, {
      method: "POST",
      agent,
      headers: { "content-type": "application/json", accept: "text/event-stream", "content-length": Buffer.byteLength(body) },
      ...opts.timeoutMs !== void 0 ? { timeout: opts.timeoutMs } : {},
      ...opts.signal !== void 0 ? { signal: opts.signal } : {}
    });
    req.on("timeout", () => finish2(`timed out after ${(opts.timeoutMs ?? 0) / 1e3} s`));
    req.on("error", (error) => finish2(error.name === "AbortError" ? "cancelled" : `connection error: ${error.code ?? error.message}`));
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const type = String(res.headers["content-type"] ?? "");
      if (status !== 200 || !type.includes("text/event-stream")) {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => text.length < 2e3 ? text += d : void 0);
        res.on("end", () => finish2(status !== 200 ? `HTTP ${status}${serverMessage(text)}` : `not an OpenAI completions stream (content-type ${quote(type || "none")})`));
        res.on("error", () => finish2(`HTTP ${status}`));
        return;
      }
      let buffer = "";
      let done = false;
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        const now = performance2.now();
        buffer += chunk.includes("\r") ? chunk.replace(/\r\n?/g, "\n") : chunk;
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of event.split("\n")) {
            if (!line.startsWith("data:")) continue;
            const data = line.slice(5).trim();
            if (data === "[DONE]") {
              done = true;
              continue;
            }
            let parsed;
            try {
              parsed = JSON.parse(data);
            } catch {
              finish2(`not an OpenAI completions stream (event ${quote(data.slice(0, 80))})`);
              return;
            }
            if (parsed.error !== void 0) {
              finish2(`server error in stream: ${typeof parsed.error === "string" ? parsed.error : parsed.error.message ?? "unknown"}`);
              return;
            }
            if (!Array.isArray(parsed.choices)) {
              finish2(`not an OpenAI completions stream (event without choices: ${quote(data.slice(0, 80))})`);
              return;
            }
            const choice = parsed.choices[0];
            if ((choice?.text ?? choice?.delta?.content ?? "") !== "") tokenTimes.push(now);
            if (parsed.usage) usage = parsed.usage;
          }
        }
      });
      res.on("end", () => finish2(done ? void 0 : `stream cut after ${tokenTimes.length} tokens (no [DONE])`));
      res.on("error", () => finish2(`stream cut after ${tokenTimes.length} tokens`));
      res.on("close", () => finish2(done ? void 0 : `stream cut after ${tokenTimes.length} tokens (connection closed)`));
    });
    req.end(body);
  });
}
function serverMessage(text) {
  try {
    const body = JSON.parse(text);
    const message = body.error?.message ?? body.message ?? body.detail;
    return message ? `: ${message.slice(0, 160)}` : "";
  } catch {
    return text.trim() ? `: ${text.trim().slice(0, 160)}` : "";
  }
}

// src/bench/serve.ts
function get(base, pathname, timeoutMs = 5e3) {
  const url2 = new URL(pathname, base.endsWith("/") ? base : `${base}/`);
  const mod = url2.protocol === "https:" ? https2 : http2;
  return new Promise((resolve) => {
    const req = mod.get(url2, { timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => body.length < 65536 ? body += d : void 0);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", () => resolve(void 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(void 0));
  });
}
function tailText(tail) {
  return tail.length > 0 ? `; its last lines:
${tail.slice(-20).map((l) => `  ${l}`).join("\n")}` : "";
}
async function measureColdStart(opts) {
  let exited;
  void opts.service.exited.then((e) => exited = e);
  const deadline = opts.startedAt + opts.timeoutMs;
  let healthyAt;
  while (healthyAt === void 0) {
    if (opts.signal?.aborted) throw new UserError(`${opts.name}: cancelled while waiting for /health`);
    if (exited) throw new UserError(`${opts.name} exited (${exited.signal ?? `code ${exited.exitCode}`}) before /health answered 200${tailText(exited.tail)}`);
    const answer = await get(opts.endpoint, "health", 5e3);
    if (answer?.status === 200) healthyAt = performance3.now();
    else if (performance3.now() > deadline) {
      await opts.service.stop();
      const end = await opts.service.exited;
      throw new UserError(`${opts.name} did not answer /health with 200 within ${Math.round(opts.timeoutMs / 1e3)} s (last answer: ${answer ? `HTTP ${answer.status}` : "no connection"}); it was stopped${tailText(end.tail)}`);
    } else await sleep3(opts.pollMs ?? 250);
  }
  const first = await runLevel({ endpoint: opts.endpoint, model: opts.model, prompts: [{ prompt: "Hello", maxTokens: 4 }], concurrency: 1, requests: 1, timeoutMs: opts.timeoutMs, ...opts.signal ? { signal: opts.signal } : {} });
  const sample = first.samples[0];
  if (sample.error !== void 0 || sample.tokenTimes.length === 0) {
    throw new UserError(`${opts.name} answered /health but its first completion failed: ${sample.error ?? "no token streamed"}`);
  }
  return { healthyS: (healthyAt - opts.startedAt) / 1e3, firstTokenS: (sample.tokenTimes[0] - opts.startedAt) / 1e3 };
}
async function probeEndpoint(endpoint, model2) {
  const models = await get(endpoint.replace(/\/v1\/?$/, ""), "v1/models");
  if (!models) throw new UserError(`endpoint ${quote(endpoint)} does not answer (GET /v1/models): is the server running and reachable from this runner?`);
  let id;
  try {
    const body = JSON.parse(models.body);
    id = typeof body.data?.[0]?.id === "string" ? body.data[0].id : void 0;
  } catch {
    id = void 0;
  }
  if (models.status !== 200 || id === void 0) {
    throw new UserError(`endpoint ${quote(endpoint)} is not an OpenAI-compatible server: GET /v1/models answered HTTP ${models.status} ${quote(models.body.slice(0, 120))}, not a model list`);
  }
  const served = model2 ?? id;
  const probe = await runLevel({ endpoint, model: served, prompts: [{ prompt: "Hello", maxTokens: 2 }], concurrency: 1, requests: 1, timeoutMs: 12e4 });
  const error = probe.samples[0].error;
  if (error !== void 0) throw new UserError(`endpoint ${quote(endpoint)} did not stream an OpenAI completion for model ${quote(served)}: ${error}`);
  return served;
}

// src/core/bench-dataset.ts
function defaultLengths(limits) {
  const inputLen = Math.max(1, Math.min(1024, limits.maxInputLen, limits.maxSeqLen - 1));
  const outputLen = Math.max(1, Math.min(128, limits.maxSeqLen - inputLen));
  return { inputLen, outputLen };
}
var WORDS = "the of and to in is was for on as with by at from his her they this that which are were be have had not but all one two new time year day way man world life hand part child eye place work week case point home water room number night fact book word side kind head house area money story month right study game line name city".split(" ");
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function syntheticPrompts(opts) {
  const next = rng(opts.seed);
  const prompts = [];
  for (let i = 0; i < opts.count; i++) {
    const words = [`${i}`];
    while (words.length < opts.inputLen) words.push(WORDS[Math.floor(next() * WORDS.length)]);
    prompts.push({ prompt: words.join(" "), maxTokens: opts.outputLen });
  }
  return prompts;
}
function parsePromptsJsonl(text, file, outputLen) {
  const prompts = [];
  const problems = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const where = `${file}:${index + 1}`;
    let value;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: not JSON: ${error.message}`);
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${where}: expected an object like {"prompt": "\u2026"}, got ${line.slice(0, 60)}`);
      return;
    }
    const record = value;
    if (typeof record.prompt !== "string" || record.prompt === "") {
      problems.push(`${where} prompt: must be a non-empty string (got ${JSON.stringify(record.prompt) ?? "nothing"})`);
      return;
    }
    const max = record.max_tokens ?? outputLen;
    if (typeof max !== "number" || !Number.isSafeInteger(max) || max < 1) {
      problems.push(`${where} max_tokens: must be a whole number \u2265 1 (got ${JSON.stringify(max)})`);
      return;
    }
    prompts.push({ prompt: record.prompt, maxTokens: max });
  });
  if (prompts.length === 0 && problems.length === 0) problems.push(`${file}: no prompts (expected one JSON object per line)`);
  return { prompts, problems };
}

// src/core/bench-record.ts
var BENCH_RECORD_SCHEMA = "engine-forge/benchmark@1";
var Runtime = external_exports.enum(["trtllm", "vllm"]);
var RUNTIME_NAMES = { trtllm: "TensorRT-LLM", vllm: "vLLM" };
var percentiles = external_exports.strictObject({ mean: external_exports.number().nullable(), p50: external_exports.number().nullable(), p90: external_exports.number().nullable(), p99: external_exports.number().nullable() });
var LevelRecord = external_exports.strictObject({
  concurrency: external_exports.number().int().positive(),
  requests: external_exports.number().int().nonnegative(),
  completed: external_exports.number().int().nonnegative(),
  errors: external_exports.number().int().nonnegative(),
  errorKinds: external_exports.array(external_exports.strictObject({ error: external_exports.string(), count: external_exports.number().int().positive() })),
  durationS: external_exports.number().nonnegative(),
  ttftMs: percentiles,
  itlMs: percentiles,
  tpotMs: percentiles,
  e2eMs: percentiles,
  outputTokens: external_exports.number().int().nonnegative(),
  inputTokens: external_exports.number().int().nonnegative(),
  outputTokensPerS: external_exports.number().nonnegative(),
  requestsPerS: external_exports.number().nonnegative()
});
var BenchSettings = external_exports.strictObject({
  /** `synthetic` (seeded) or the SHA-256 of the JSONL prompts file. */
  dataset: external_exports.union([external_exports.strictObject({ kind: external_exports.literal("synthetic"), seed: external_exports.number().int(), inputLen: external_exports.number().int().positive() }), external_exports.strictObject({ kind: external_exports.literal("jsonl"), sha256: external_exports.string().regex(/^[0-9a-f]{64}$/) })]),
  outputLen: external_exports.number().int().positive(),
  concurrencies: external_exports.array(external_exports.number().int().positive()).min(1),
  requestsPerLevel: external_exports.number().int().positive()
});
var BenchRecord = external_exports.strictObject({
  schema: external_exports.literal(BENCH_RECORD_SCHEMA),
  key: external_exports.string().regex(/^[0-9a-f]{24}$/),
  cell: external_exports.string(),
  model: external_exports.string(),
  gpu: external_exports.string(),
  precision: external_exports.string(),
  tp: external_exports.number().int().positive(),
  batchMax: external_exports.number().int().positive(),
  runtime: Runtime,
  /** The artifact served: the engine cell's fingerprint for TensorRT-LLM, the image's for vLLM. */
  artifactFingerprint: external_exports.string(),
  /** The container image's digest (`sha256:…`); null when the runtime ran natively. */
  imageDigest: external_exports.string().nullable(),
  /** nvidia-smi's product name and the number of GPUs used. */
  gpuModel: external_exports.string(),
  gpuCount: external_exports.number().int().positive(),
  settings: BenchSettings,
  /** Process start → /health 200, and → first streamed token; null for an `endpoint` run. */
  coldStart: external_exports.strictObject({ healthyS: external_exports.number().nonnegative(), firstTokenS: external_exports.number().nonnegative() }).nullable(),
  levels: external_exports.array(LevelRecord),
  startedAt: external_exports.string(),
  finishedAt: external_exports.string()
});
function benchKey(p) {
  return sha256Hex(canonicalJson({ schema: BENCH_RECORD_SCHEMA, ...p })).slice(0, 24);
}
var BENCH_PREFIX = "benchmarks/";
function benchCellPrefix(cell) {
  return `${BENCH_PREFIX}${cell}/`;
}
function benchKeyPrefix(cell, runtime, key) {
  return `${benchCellPrefix(cell)}${runtime}/${key}/`;
}
function benchRecordKey(record) {
  return `${benchKeyPrefix(record.cell, record.runtime, record.key)}${record.finishedAt.replace(/[:.]/g, "-")}.json`;
}
function levelRecord(stats) {
  const fix = (p) => ({
    mean: Number.isFinite(p.mean) ? p.mean : null,
    p50: Number.isFinite(p.p50) ? p.p50 : null,
    p90: Number.isFinite(p.p90) ? p.p90 : null,
    p99: Number.isFinite(p.p99) ? p.p99 : null
  });
  return { ...stats, errorKinds: stats.errorKinds.map((k) => ({ ...k })), ttftMs: fix(stats.ttftMs), itlMs: fix(stats.itlMs), tpotMs: fix(stats.tpotMs), e2eMs: fix(stats.e2eMs) };
}

// src/core/bench-stats.ts
function percentile(sorted2, p) {
  if (sorted2.length === 0) return NaN;
  const rank = p / 100 * (sorted2.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted2[lo] + (sorted2[hi] - sorted2[lo]) * (rank - lo);
}
function percentiles2(values) {
  const sorted2 = [...values].sort((a, b) => a - b);
  const mean = sorted2.length === 0 ? NaN : sorted2.reduce((a, b) => a + b, 0) / sorted2.length;
  return { mean, p50: percentile(sorted2, 50), p90: percentile(sorted2, 90), p99: percentile(sorted2, 99) };
}
function ttft(s3) {
  return s3.tokenTimes.length > 0 ? s3.tokenTimes[0] - s3.start : void 0;
}
function tpot(s3) {
  const first = ttft(s3);
  if (first === void 0 || s3.outputTokens < 2) return void 0;
  return (s3.end - s3.start - first) / (s3.outputTokens - 1);
}
function summarizeLevel(concurrency, samples, wallMs) {
  const ok = samples.filter((s3) => s3.error === void 0);
  const ttfts = [];
  const itls = [];
  const tpots = [];
  const e2es = [];
  let outputTokens = 0;
  let inputTokens = 0;
  for (const s3 of ok) {
    const first = ttft(s3);
    if (first !== void 0) ttfts.push(first);
    for (let i = 1; i < s3.tokenTimes.length; i++) itls.push(s3.tokenTimes[i] - s3.tokenTimes[i - 1]);
    const perToken = tpot(s3);
    if (perToken !== void 0) tpots.push(perToken);
    e2es.push(s3.end - s3.start);
    outputTokens += s3.outputTokens;
    inputTokens += s3.inputTokens;
  }
  const counts = /* @__PURE__ */ new Map();
  for (const s3 of samples) if (s3.error !== void 0) counts.set(s3.error, (counts.get(s3.error) ?? 0) + 1);
  const errorKinds = [...counts].map(([error, count]) => ({ error, count })).sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
  const seconds = wallMs / 1e3;
  return {
    concurrency,
    requests: samples.length,
    completed: ok.length,
    errors: samples.length - ok.length,
    errorKinds,
    durationS: seconds,
    ttftMs: percentiles2(ttfts),
    itlMs: percentiles2(itls),
    tpotMs: percentiles2(tpots),
    e2eMs: percentiles2(e2es),
    outputTokens,
    inputTokens,
    outputTokensPerS: seconds > 0 ? outputTokens / seconds : 0,
    requestsPerS: seconds > 0 ? ok.length / seconds : 0
  };
}
function defaultConcurrencies(maxBatch) {
  const levels2 = [];
  for (let c = 1; c < maxBatch; c *= 2) levels2.push(c);
  levels2.push(Math.max(1, maxBatch));
  return levels2;
}

// src/core/compare.ts
var THROUGHPUT_GAIN_THRESHOLD = 0.1;
var COLD_START_RATIO = 1.25;
var PREFERENCES = ["throughput", "latency", "cold-start"];
function typicalConcurrency(batchMax, measured) {
  const target = Math.max(1, batchMax / 2);
  let best = measured[0] ?? 1;
  for (const c of measured) if (Math.abs(c - target) < Math.abs(best - target) || Math.abs(c - target) === Math.abs(best - target) && c > best) best = c;
  return best;
}
function figures(record, typical) {
  const ok = record.levels.filter((l) => l.completed > 0);
  let peak;
  for (const l of ok) if (peak === void 0 || l.outputTokensPerS > peak.outputTokensPerS) peak = l;
  const at = record.levels.find((l) => l.concurrency === typical);
  return {
    runtime: record.runtime,
    record,
    peakTokensPerS: peak?.outputTokensPerS ?? 0,
    peakConcurrency: peak?.concurrency ?? 0,
    ttftP50Ms: at?.ttftMs.p50 ?? null,
    ttftP99Ms: at?.ttftMs.p99 ?? null,
    coldStartS: record.coldStart?.firstTokenS ?? null,
    tokensPerGpuHour: (peak?.outputTokensPerS ?? 0) * 3600 / record.gpuCount,
    errors: record.levels.reduce((n, l) => n + l.errors, 0),
    curve: record.levels.map((l) => ({ concurrency: l.concurrency, tokensPerS: l.outputTokensPerS }))
  };
}
function newest(records, runtime) {
  return records.filter((r) => r.runtime === runtime).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)).at(-1);
}
var pct = (x) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}%`;
var s = (x) => `${x < 10 ? x.toFixed(1) : Math.round(x)} s`;
function compareCell(records) {
  const first = records[0];
  const t = newest(records, "trtllm");
  const v = newest(records, "vllm");
  const both = t && v ? t.levels.map((l) => l.concurrency).filter((c) => v.levels.some((m) => m.concurrency === c)) : (t ?? v).levels.map((l) => l.concurrency);
  const typical = typicalConcurrency(first.batchMax, both);
  const trtllm2 = t && figures(t, typical);
  const vllm2 = v && figures(v, typical);
  const caveats = [];
  if (t && v) {
    if (t.gpuModel !== v.gpuModel || t.gpuCount !== v.gpuCount) caveats.push(`measured on different GPUs: TensorRT-LLM on ${t.gpuCount}\xD7 ${t.gpuModel}, vLLM on ${v.gpuCount}\xD7 ${v.gpuModel}`);
    if (JSON.stringify({ ...t.settings, concurrencies: [] }) !== JSON.stringify({ ...v.settings, concurrencies: [] })) caveats.push("measured with different bench settings (dataset, output length or requests per level)");
  }
  return { cell: first.cell, model: first.model, gpu: first.gpu, precision: first.precision, tp: first.tp, typicalConcurrency: typical, ...trtllm2 ? { trtllm: trtllm2 } : {}, ...vllm2 ? { vllm: vllm2 } : {}, verdict: verdict(trtllm2, vllm2), caveats };
}
function verdict(t, v) {
  if (!t || !v) {
    const only = t ?? v;
    const missing = only.runtime === "trtllm" ? "vllm" : "trtllm";
    return { headline: `only ${RUNTIME_NAMES[only.runtime]} measured: run bench with runtimes '${missing}' for a verdict`, reasons: [] };
  }
  const reasons = [];
  for (const f of [t, v]) if (f.errors > 0) reasons.push(`${RUNTIME_NAMES[f.runtime]} failed ${f.errors} request${f.errors === 1 ? "" : "s"} during the sweep`);
  if (t.peakTokensPerS === 0 || v.peakTokensPerS === 0) {
    const served = t.peakTokensPerS > 0 ? t : v.peakTokensPerS > 0 ? v : void 0;
    return served ? { pick: served.runtime, headline: `${RUNTIME_NAMES[served.runtime]}: the other runtime completed no request`, reasons } : { headline: "neither runtime completed a request", reasons };
  }
  const gain = t.peakTokensPerS / v.peakTokensPerS - 1;
  const throughput = `TensorRT-LLM ${pct(gain)} tokens/s at peak (${Math.round(t.peakTokensPerS)} at ${t.peakConcurrency} streams vs ${Math.round(v.peakTokensPerS)} at ${v.peakConcurrency})`;
  let cold;
  let vllmStartsFaster = false;
  if (t.coldStartS !== null && v.coldStartS !== null) {
    vllmStartsFaster = t.coldStartS > v.coldStartS * COLD_START_RATIO;
    const trtFaster = v.coldStartS > t.coldStartS * COLD_START_RATIO;
    cold = vllmStartsFaster ? `vLLM starts in ${s(v.coldStartS)} vs ${s(t.coldStartS)}` : trtFaster ? `TensorRT-LLM starts in ${s(t.coldStartS)} vs ${s(v.coldStartS)}` : `cold starts alike (${s(t.coldStartS)} vs ${s(v.coldStartS)})`;
  }
  if (gain >= THROUGHPUT_GAIN_THRESHOLD) {
    reasons.unshift(throughput, ...cold ? [cold] : []);
    const headline = `TensorRT-LLM for high, steady traffic: ${pct(gain)} tokens/s at ${t.peakConcurrency} streams${vllmStartsFaster ? `; vLLM where cold starts matter (${cold})` : ""}`;
    return { pick: "trtllm", headline, reasons };
  }
  reasons.unshift(gain >= 0 ? `${throughput}: below the double-digit gain that pays for a build` : `vLLM ${pct(-gain / (1 + gain))} tokens/s at peak (${Math.round(v.peakTokensPerS)} vs ${Math.round(t.peakTokensPerS)})`, ...cold ? [cold] : []);
  return { pick: "vllm", headline: `vLLM: TensorRT-LLM's gain is ${pct(gain)} tokens/s${cold ? `; ${cold}` : ""}`, reasons };
}
function pickByPreference(c, preference) {
  const { trtllm: t, vllm: v } = c;
  if (!t || !v) return void 0;
  if (preference === "throughput") {
    const r2 = t.peakTokensPerS >= v.peakTokensPerS ? t : v;
    return { runtime: r2.runtime, why: `peak ${Math.round(t.peakTokensPerS)} tokens/s (TensorRT-LLM, ${t.peakConcurrency} streams) vs ${Math.round(v.peakTokensPerS)} (vLLM, ${v.peakConcurrency} streams)` };
  }
  if (preference === "latency") {
    if (t.ttftP50Ms === null || v.ttftP50Ms === null) return void 0;
    const r2 = t.ttftP50Ms <= v.ttftP50Ms ? t : v;
    return { runtime: r2.runtime, why: `TTFT p50 at ${c.typicalConcurrency} streams ${Math.round(t.ttftP50Ms)} ms (TensorRT-LLM) vs ${Math.round(v.ttftP50Ms)} ms (vLLM)` };
  }
  if (t.coldStartS === null || v.coldStartS === null) return void 0;
  const r = t.coldStartS <= v.coldStartS ? t : v;
  return { runtime: r.runtime, why: `cold start to first token ${s(t.coldStartS)} (TensorRT-LLM) vs ${s(v.coldStartS)} (vLLM)` };
}
function compareAll(records) {
  const byCell = /* @__PURE__ */ new Map();
  for (const r of records) byCell.set(r.cell, [...byCell.get(r.cell) ?? [], r]);
  return [...byCell.keys()].sort().map((cell) => compareCell(byCell.get(cell)));
}
function chooseRuntime(comparisons, preference, opts) {
  const complete = comparisons.filter((c2) => c2.trtllm && c2.vllm);
  const c = complete.find((x) => x.cell === opts.cellId) ?? complete[0];
  const fallback = opts.hasEngine ? "trtllm" : "vllm";
  if (!c) {
    const measured = comparisons.map((x) => x.cell).join(", ");
    return { runtime: fallback, why: `no benchmark of both runtimes${measured ? ` (only one runtime measured for ${measured})` : ""}: ${opts.hasEngine ? "the engine exists, so TensorRT-LLM" : "no engine, so vLLM"}; run bench for the cell to decide by measurement` };
  }
  const picked = pickByPreference(c, preference);
  if (!picked) return { runtime: fallback, why: `the benchmarks of ${c.cell} lack the ${preference} figure (an endpoint run records no cold start); ${RUNTIME_NAMES[fallback]} by default` };
  if (picked.runtime === "trtllm" && !opts.hasEngine) return { runtime: "vllm", why: `${preference} favours TensorRT-LLM on ${c.cell} (${picked.why}), but no engine is stored for this query: vLLM` };
  return { runtime: picked.runtime, why: `${preference}: ${RUNTIME_NAMES[picked.runtime]} on ${c.cell}: ${picked.why}` };
}

// src/core/compare-report.ts
var int = (x) => Math.round(x).toLocaleString("en-US");
var ms = (x) => x === null ? "\u2014" : `${Math.round(x)} ms`;
var sec = (x) => x === null ? "\u2014 (endpoint)" : `${x < 10 ? x.toFixed(1) : Math.round(x)} s`;
var perHour = (x) => x >= 1e6 ? `${(x / 1e6).toFixed(x >= 1e8 ? 0 : 1)}M` : int(x);
var ROWS = [
  { label: "peak output tokens/s", value: (f) => `${int(f.peakTokensPerS)} @ ${f.peakConcurrency} streams` },
  { label: "TTFT p50 / p99", value: (f, c) => `${ms(f.ttftP50Ms)} / ${ms(f.ttftP99Ms)} @ ${c.typicalConcurrency}` },
  { label: "cold start (\u2192 first token)", value: (f) => sec(f.coldStartS) },
  { label: "tokens per GPU-hour", value: (f) => perHour(f.tokensPerGpuHour) },
  { label: "failed requests", value: (f) => String(f.errors) },
  { label: "GPU", value: (f) => `${f.record.gpuCount}\xD7 ${f.record.gpuModel}` }
];
function cellTitle(c) {
  return `${c.model} on ${c.gpu}, ${c.precision}, TP ${c.tp}`;
}
function renderCompareText(comparisons) {
  const out = [];
  for (const c of comparisons) {
    const rows2 = [["", "TensorRT-LLM", "vLLM"], ...ROWS.map((r) => [r.label, c.trtllm ? r.value(c.trtllm, c) : "\u2014", c.vllm ? r.value(c.vllm, c) : "\u2014"])];
    const widths = [0, 1].map((col) => Math.max(...rows2.map((r) => r[col].length)));
    out.push(`${cellTitle(c)}  (${c.cell})`);
    for (const r of rows2) out.push(`  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`.trimEnd());
    out.push(`  verdict: ${c.verdict.headline}`);
    for (const reason of c.verdict.reasons) out.push(`    - ${reason}`);
    for (const caveat of c.caveats) out.push(`  caveat: ${caveat}`);
    out.push("");
  }
  return out.join("\n").trimEnd();
}
function mermaidChart(c) {
  const sides = [c.trtllm, c.vllm].filter((f) => f !== void 0);
  const xs = [...new Set(sides.flatMap((f) => f.curve.map((p) => p.concurrency)))].sort((a, b) => a - b);
  const top = Math.max(1, ...sides.flatMap((f) => f.curve.map((p) => p.tokensPerS)));
  const names = sides.map((f, i) => `${i === 0 ? "first" : "second"} line ${f.runtime === "trtllm" ? "TensorRT-LLM" : "vLLM"}`).join(", ");
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "${c.model} ${c.gpu} ${c.precision} TP${c.tp}: output tokens/s (${names})"`,
    `  x-axis "concurrent streams" [${xs.join(", ")}]`,
    `  y-axis "output tokens/s" 0 --> ${Math.ceil(top * 1.1 / 10) * 10}`
  ];
  for (const f of sides) lines.push(`  line [${xs.map((x) => Math.round(f.curve.find((p) => p.concurrency === x)?.tokensPerS ?? 0)).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}
function renderCompareMarkdown(comparisons) {
  const out = ["## TensorRT-LLM vs vLLM", ""];
  for (const c of comparisons) {
    out.push(`### ${cellTitle(c)}`, "", `\`${c.cell}\``, "");
    out.push("| | TensorRT-LLM | vLLM |", "| --- | --- | --- |");
    for (const r of ROWS) out.push(`| ${r.label} | ${c.trtllm ? r.value(c.trtllm, c) : "\u2014"} | ${c.vllm ? r.value(c.vllm, c) : "\u2014"} |`);
    out.push("", `**Verdict: ${c.verdict.headline}**`, "");
    for (const reason of c.verdict.reasons) out.push(`- ${reason}`);
    for (const caveat of c.caveats) out.push(`- \u26A0\uFE0F ${caveat}`);
    out.push("", mermaidChart(c), "");
  }
  return out.join("\n").trimEnd() + "\n";
}

// src/store/bench-records.ts
import { link as link2, mkdir as mkdir7, readdir as readdir8, readFile as readFile10, unlink as unlink3, writeFile as writeFile4 } from "node:fs/promises";
import { randomUUID as randomUUID5 } from "node:crypto";
import path15 from "node:path";
function isS3(store) {
  return typeof store.putTextIfAbsent === "function";
}
function objects(store) {
  if (isS3(store)) {
    return { putIfAbsent: (k, b) => store.putTextIfAbsent(k, b), read: (k) => store.readText(k), list: (p) => store.listUnder(p) };
  }
  if (store instanceof LocalStore) return localObjects(store.root);
  throw new Error("benchmark records: this store keeps no records");
}
function localObjects(root) {
  const file = (key) => path15.join(root, ...key.split("/"));
  return {
    async putIfAbsent(key, body) {
      const target = file(key);
      await mkdir7(path15.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID5()}.tmp`;
      await writeFile4(temporary, body, { flag: "wx" });
      try {
        await link2(temporary, target);
        return true;
      } catch (error) {
        if (error.code === "EEXIST") return false;
        throw error;
      } finally {
        await unlink3(temporary);
      }
    },
    async read(key) {
      try {
        return await readFile10(file(key), "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return void 0;
        throw error;
      }
    },
    async list(prefix) {
      try {
        const entries = await readdir8(file(prefix), { recursive: true });
        return entries.filter((e) => e.endsWith(".json")).map((e) => prefix + e.split(path15.sep).join("/"));
      } catch (error) {
        if (error.code === "ENOENT") return [];
        throw error;
      }
    }
  };
}
function parseRecord(where, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`benchmark record ${where} is not valid JSON (truncated or corrupted): ${error.message}`);
  }
  const parsed = BenchRecord.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserError(`benchmark record ${where} is invalid at ${first.path.join(".") || "(top level)"}: ${first.message}`);
  }
  return parsed.data;
}
async function hasBenchRecord(store, cell, runtime, key) {
  return (await objects(store).list(benchKeyPrefix(cell, runtime, key))).length > 0;
}
async function saveBenchRecord(store, record) {
  const key = benchRecordKey(record);
  const created = await objects(store).putIfAbsent(key, `${JSON.stringify(BenchRecord.parse(record), null, 2)}
`);
  return { created, key };
}
function readBenchRecords(store, cell) {
  return readBenchRecordsUnder(store, benchCellPrefix(cell));
}
async function readBenchRecordsUnder(store, prefix = BENCH_PREFIX) {
  const o = objects(store);
  const keys = (await o.list(prefix)).sort();
  const newest3 = /* @__PURE__ */ new Map();
  for (const key of keys) newest3.set(key.slice(0, key.lastIndexOf("/")), key);
  const records = [];
  for (const key of newest3.values()) {
    const text = await o.read(key);
    if (text !== void 0) records.push(parseRecord(key, text));
  }
  return records;
}

// src/commands/image.ts
import { readFile as readFile12 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/image/build.ts
import { chmod, mkdtemp, rm as rm5, writeFile as writeFile5 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";

// src/image/serving.ts
var FROM_SOURCE = {
  fp16: { dtype: "float16" },
  bf16: { dtype: "bfloat16" },
  fp8: { dtype: "auto", quantization: "fp8" }
};
function servingPrecision(recipe) {
  if (recipe.checkpoint !== void 0) {
    const modelopt = VLLM_MODELOPT[recipe.precision];
    if (modelopt === void 0) throw new Error(`image ${recipe.id}: vLLM has no loader for a ${recipe.precision} checkpoint`);
    return { dtype: "auto", quantization: modelopt.quantization };
  }
  const fromSource = FROM_SOURCE[recipe.precision];
  if (fromSource === void 0) throw new Error(`image ${recipe.id}: ${recipe.precision} cannot be served from the source weights`);
  return fromSource;
}
var SERVING_DEFAULTS = [
  { env: "MODEL_NAME" },
  { env: "MODEL_REVISION", flag: "--revision" },
  { env: "SERVED_MODEL_NAME", flag: "--served-model-name" },
  { env: "MAX_MODEL_LEN", flag: "--max-model-len" },
  { env: "MAX_NUM_SEQS", flag: "--max-num-seqs" },
  { env: "TENSOR_PARALLEL_SIZE", flag: "--tensor-parallel-size" },
  { env: "DTYPE", flag: "--dtype" },
  { env: "QUANTIZATION", flag: "--quantization" },
  { env: "KV_CACHE_DTYPE", flag: "--kv-cache-dtype" },
  { env: "TRUST_REMOTE_CODE", flag: "--trust-remote-code", boolean: true }
];
function vllmKvCacheDtype(kv) {
  return kv === "fp8" ? "fp8" : "";
}
var MODELS_DIR = "/models";
function bakedModelPath(source) {
  return `${MODELS_DIR}/${source}`;
}
function servingEnvironment(recipe) {
  const precision2 = servingPrecision(recipe);
  const baked = recipe.bakeWeights || recipe.checkpoint !== void 0;
  const env = baked ? { MODEL_NAME: bakedModelPath(recipe.source), MODEL_REVISION: "", SERVED_MODEL_NAME: recipe.source } : { MODEL_NAME: recipe.source, MODEL_REVISION: recipe.revision, SERVED_MODEL_NAME: "" };
  Object.assign(env, {
    MAX_MODEL_LEN: String(recipe.maxModelLen),
    MAX_NUM_SEQS: String(recipe.maxNumSeqs),
    TENSOR_PARALLEL_SIZE: String(recipe.tensorParallelSize),
    DTYPE: precision2.dtype,
    QUANTIZATION: precision2.quantization ?? "",
    KV_CACHE_DTYPE: vllmKvCacheDtype(recipe.kvCacheDtype),
    TRUST_REMOTE_CODE: recipe.trustRemoteCode ? "true" : ""
  });
  if (baked) env.HF_HUB_OFFLINE = "1";
  return env;
}

// src/image/scripts.ts
var SERVE_PATH = "/usr/local/bin/engine-forge-serve";
var FETCH_PATH = "/usr/local/bin/engine-forge-fetch";
var HF_TOKEN_SECRET = "hf_token";
function serveScript() {
  const defaults = SERVING_DEFAULTS.filter((d) => d.flag !== void 0).map(
    (d) => d.boolean ? `if [ "\${${d.env}-}" = true ] && ! given ${d.flag} "$@"; then set -- "$@" ${d.flag}; fi` : `if [ -n "\${${d.env}-}" ] && ! given ${d.flag} "$@"; then set -- "$@" ${d.flag} "$${d.env}"; fi`
  );
  return `#!/bin/sh
# Generated by engine-forge: serves the defaults baked into this image with \`vllm serve\`.
set -eu

case "\${1-}" in
  '' | -*) ;;
  *) exec "$@" ;;
esac

# given FLAG ARGS...: did the user pass FLAG (as "FLAG VALUE" or "FLAG=VALUE")?
given() {
  flag=$1
  shift
  for arg in "$@"; do
    case $arg in "$flag" | "$flag"=*) return 0 ;; esac
  done
  return 1
}

# Defaults are appended behind the user's arguments, then the user's arguments are rotated to the
# end, so the command line reads: vllm serve MODEL DEFAULTS... USER-ARGS...
user_args=$#
${defaults.join("\n")}
i=0
while [ "$i" -lt "$user_args" ]; do
  set -- "$@" "$1"
  shift
  i=$((i + 1))
done

if [ -n "\${MODEL_NAME-}" ] && ! given --model "$@"; then
  exec vllm serve "$MODEL_NAME" "$@"
fi
exec vllm serve "$@"
`;
}
function fetchScript() {
  return `#!/bin/sh
# Generated by engine-forge: downloads model weights at build time. Usage: REPO REVISION DIR
set -eu
repo=$1
revision=$2
dir=$3
if [ -s /run/secrets/${HF_TOKEN_SECRET} ]; then
  HF_TOKEN=$(cat /run/secrets/${HF_TOKEN_SECRET})
  export HF_TOKEN
fi
export HF_HUB_DISABLE_PROGRESS_BARS=1 HF_HUB_DISABLE_TELEMETRY=1
if command -v hf >/dev/null 2>&1; then
  hf download "$repo" --revision "$revision" --local-dir "$dir"
elif command -v huggingface-cli >/dev/null 2>&1; then
  huggingface-cli download "$repo" --revision "$revision" --local-dir "$dir"
else
  echo "engine-forge-fetch: the base image has neither 'hf' nor 'huggingface-cli' on PATH" >&2
  exit 1
fi
# The download's bookkeeping is not part of the weights.
rm -rf "$dir/.cache"
`;
}

// src/image/runpod-worker.ts
var RUNPOD_SDK_VERSION = "1.12.0";
var WORKER_PATH = "/usr/local/bin/engine-forge-worker";
var RUNPOD_SDK_DIR = "/opt/engine-forge/runpod";
var UPSTREAM_PORT = 18e3;
function runpodWorkerScript() {
  return String.raw`#!/usr/bin/env python3
# Generated by engine-forge: the Runpod Serverless worker (queue and load-balancing modes).
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVE = os.environ.get("ENGINE_FORGE_SERVE", "/usr/local/bin/engine-forge-serve")
UPSTREAM_PORT = int(os.environ.get("ENGINE_FORGE_UPSTREAM_PORT", "${UPSTREAM_PORT}"))
ROUTES = {"/v1/chat/completions": "POST", "/v1/completions": "POST", "/v1/models": "GET"}
upstream = ("127.0.0.1", UPSTREAM_PORT)
child = None
stopping = threading.Event()


def log(message):
    sys.stderr.write("engine-forge-worker: " + message + "\n")
    sys.stderr.flush()


def start_server(host, port):
    global child
    child = subprocess.Popen([SERVE, "--host", host, "--port", str(port)])
    threading.Thread(target=watch_server, daemon=True).start()


def watch_server():
    code = child.wait()
    if stopping.is_set():
        return
    log("the server exited with status %d" % code)
    os._exit(code if code > 0 else 1)


def stop_server():
    stopping.set()
    if child is not None and child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def on_signal(*_):
    stop_server()
    os._exit(0)


def healthy():
    try:
        conn = http.client.HTTPConnection(*upstream, timeout=5)
        conn.request("GET", "/health")
        return conn.getresponse().status == 200
    except OSError:
        return False


def wait_healthy():
    began = time.monotonic()
    while not healthy():
        time.sleep(0.5)
    log("the server is ready after %.1f s" % (time.monotonic() - began))


def forward(job):
    """Yields the answer of the local OpenAI server to one job: SSE chunks when streaming, else one object."""
    given = job.get("input") or {}
    route = given.get("openai_route")
    body = given.get("openai_input")
    if route not in ROUTES:
        yield {"error": "input.openai_route must be one of %s (got %r)" % (", ".join(sorted(ROUTES)), route)}
        return
    method = ROUTES[route]
    if method == "POST" and not isinstance(body, dict):
        yield {"error": "input.openai_input must be the JSON body of %s (an object)" % route}
        return
    conn = http.client.HTTPConnection(*upstream, timeout=float(os.environ.get("ENGINE_FORGE_REQUEST_TIMEOUT", "600")))
    payload = json.dumps(body).encode() if method == "POST" else None
    conn.request(method, route, body=payload, headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    if resp.status != 200:
        yield {"error": "%s %s answered %d: %s" % (method, route, resp.status, resp.read().decode(errors="replace")[:2000])}
        return
    if method == "POST" and body.get("stream"):
        for raw in resp:
            line = raw.strip()
            if not line.startswith(b"data:"):
                continue
            data = line[5:].strip()
            if data == b"[DONE]":
                break
            yield json.loads(data)
        return
    yield json.loads(resp.read())


def handler(job):
    yield from forward(job)


def aggregate_handler(job):
    # The SDK's --test_input runs a handler once without consuming a generator: give it the list
    # that /runsync returns for a streamed job.
    outputs = list(forward(job))
    if len(outputs) == 1 and "error" in outputs[0]:
        return outputs[0]
    return outputs


def queue_mode():
    start_server("127.0.0.1", UPSTREAM_PORT)
    wait_healthy()
    sys.path.insert(0, os.environ.get("ENGINE_FORGE_RUNPOD_SDK", "${RUNPOD_SDK_DIR}"))
    import runpod

    local_test = any(a == "--test_input" or a.startswith("--test_input=") for a in sys.argv[1:])
    try:
        runpod.serverless.start({"handler": aggregate_handler if local_test else handler, "return_aggregate_stream": True})
    finally:
        # --test_input ends with sys.exit: the server must not outlive the worker.
        stop_server()


class Ping(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def ping(self):
        status = 200 if healthy() else 204
        body = b'{"status":"healthy"}' if status == 200 else b""
        self.send_response(status)
        if body:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        if self.path == "/ping":
            return self.ping()
        self.send_error(404)


class Proxy(Ping):
    """/ping here, everything else forwarded to the server, streamed back as it comes."""

    def relay(self):
        if self.path == "/ping" and self.command == "GET":
            return self.ping()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "content-length")}
        try:
            conn = http.client.HTTPConnection(*upstream, timeout=float(os.environ.get("ENGINE_FORGE_REQUEST_TIMEOUT", "600")))
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
        except OSError as error:
            self.send_error(502, "the server is not reachable: %s" % error)
            return
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        while True:
            chunk = resp.read1(65536)
            if not chunk:
                break
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    do_GET = relay
    do_POST = relay
    do_DELETE = relay
    do_PUT = relay


def load_balancer_mode():
    global upstream
    port = int(os.environ.get("PORT") or "80")
    health = int(os.environ.get("PORT_HEALTH") or port)
    if health != port:
        upstream = ("127.0.0.1", port)
        start_server("0.0.0.0", port)
        server = ThreadingHTTPServer(("0.0.0.0", health), Ping)
    else:
        start_server("127.0.0.1", UPSTREAM_PORT)
        server = ThreadingHTTPServer(("0.0.0.0", port), Proxy)
    server.daemon_threads = True
    log("load-balancing mode: the server on port %d, /ping on port %d" % (port, health))
    server.serve_forever()


def main():
    mode = os.environ.get("ENGINE_FORGE_MODE", "server")
    if mode == "server":
        os.execv(SERVE, [SERVE] + sys.argv[1:])
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if mode == "queue":
        queue_mode()
    elif mode == "load-balancer":
        load_balancer_mode()
    else:
        log("ENGINE_FORGE_MODE must be server, queue or load-balancer (got %r)" % mode)
        sys.exit(2)


if __name__ == "__main__":
    main()
`;
}
function runpodLayers() {
  return {
    install: [
      `# The Runpod SDK for the queue worker, pinned, in a directory of its own (not the server's site-packages).`,
      `RUN ${JSON.stringify(["python3", "-m", "pip", "install", "--no-cache-dir", "--target", RUNPOD_SDK_DIR, `runpod==${RUNPOD_SDK_VERSION}`])}`
    ],
    copy: [`COPY engine-forge-worker ${WORKER_PATH}`],
    files: [{ path: "engine-forge-worker", content: runpodWorkerScript(), mode: 493 }],
    entrypoint: WORKER_PATH
  };
}

// src/image/context.ts
var DOCKERFILE = "Dockerfile";
var CHECKPOINT_CONTEXT_DIR = "checkpoint";
var LABEL_PREFIX = "dev.engine-forge";
function imageLabels(recipe, provenance) {
  const labels3 = {
    "org.opencontainers.image.title": `${recipe.model} ${recipe.version} (${recipe.precision}, ${recipe.vendor}) on vLLM ${recipe.vllmVersion}`,
    "org.opencontainers.image.version": recipe.version,
    "org.opencontainers.image.base.name": recipe.baseImage
  };
  if (provenance.source !== void 0) labels3["org.opencontainers.image.source"] = provenance.source;
  if (provenance.revision !== void 0) labels3["org.opencontainers.image.revision"] = provenance.revision;
  Object.assign(labels3, {
    [`${LABEL_PREFIX}.fingerprint`]: recipe.fingerprint,
    [`${LABEL_PREFIX}.id`]: recipe.id,
    [`${LABEL_PREFIX}.model`]: recipe.model,
    [`${LABEL_PREFIX}.model.source`]: recipe.source,
    [`${LABEL_PREFIX}.model.revision`]: recipe.revision,
    [`${LABEL_PREFIX}.precision`]: recipe.precision,
    [`${LABEL_PREFIX}.vendor`]: recipe.vendor,
    [`${LABEL_PREFIX}.vllm.version`]: recipe.vllmVersion,
    [`${LABEL_PREFIX}.weights`]: recipe.checkpoint !== void 0 ? "baked-checkpoint" : recipe.bakeWeights ? "baked" : "downloaded-at-start",
    // What the weights are: the source repository's, or engine-forge's calibrated checkpoint (id@fingerprint).
    [`${LABEL_PREFIX}.checkpoint`]: recipe.checkpoint !== void 0 ? `${recipe.checkpoint.id}@${recipe.checkpoint.fingerprint}` : "source",
    [`${LABEL_PREFIX}.kv-cache-dtype`]: recipe.kvCacheDtype ?? "auto",
    ...recipe.serverless !== void 0 ? { [`${LABEL_PREFIX}.serverless`]: recipe.serverless } : {}
  });
  return labels3;
}
function dockerfileString(value, what) {
  if (/[\r\n\0]/.test(value)) throw new UserError(`${what} contains a line break or NUL, which a Dockerfile cannot carry (got ${quote(value)})`);
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}
function keyValueLines(instruction, entries) {
  const lines = Object.entries(entries).map(([k, v]) => `${k}=${dockerfileString(v, `${instruction} ${k}`)}`);
  return `${instruction} ${lines.join(" \\\n    ")}`;
}
function baseReference(image) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/.test(image)) {
    throw new UserError(`toolchains.vllm image is not a valid image reference (got ${quote(image)})`);
  }
  return image;
}
function renderDockerfile(recipe, provenance) {
  const worker = recipe.serverless === "runpod" ? runpodLayers() : void 0;
  const parts = [
    `# Generated by engine-forge for ${recipe.id} (fingerprint ${recipe.fingerprint}); do not edit.`,
    `FROM ${baseReference(recipe.baseImage)}`,
    ...worker?.install ?? []
  ];
  if (recipe.checkpoint !== void 0) {
    parts.push(
      `# The ${recipe.precision} checkpoint ${recipe.checkpoint.id} (${recipe.checkpoint.fingerprint}) from the artifact store.`,
      `COPY ${JSON.stringify([CHECKPOINT_CONTEXT_DIR, bakedModelPath(recipe.source)])}`
    );
  } else if (recipe.bakeWeights) {
    const run = [FETCH_PATH, recipe.source, recipe.revision, bakedModelPath(recipe.source)];
    parts.push(
      `COPY engine-forge-fetch ${FETCH_PATH}`,
      `# The Hugging Face token is a build secret: mounted for this step only, never in a layer.`,
      `RUN --mount=type=secret,id=${HF_TOKEN_SECRET} ${JSON.stringify(run)}`
    );
  }
  parts.push(
    `COPY engine-forge-serve ${SERVE_PATH}`,
    ...worker?.copy ?? [],
    keyValueLines("ENV", { ...servingEnvironment(recipe), ...worker ? { ENGINE_FORGE_MODE: "queue" } : {} }),
    `ENTRYPOINT ${JSON.stringify([worker?.entrypoint ?? SERVE_PATH])}`,
    "CMD []",
    keyValueLines("LABEL", imageLabels(recipe, provenance))
  );
  return `${parts.join("\n")}
`;
}
function renderBuildContext(recipe, provenance) {
  const files = [
    { path: DOCKERFILE, content: renderDockerfile(recipe, provenance), mode: 420 },
    { path: "engine-forge-serve", content: serveScript(), mode: 493 }
  ];
  const fetchesSource = recipe.bakeWeights && recipe.checkpoint === void 0;
  if (fetchesSource) files.push({ path: "engine-forge-fetch", content: fetchScript(), mode: 493 });
  if (recipe.serverless === "runpod") files.push(...runpodLayers().files);
  return {
    files,
    labels: imageLabels(recipe, provenance),
    env: { ...servingEnvironment(recipe), ...recipe.serverless === "runpod" ? { ENGINE_FORGE_MODE: "queue" } : {} },
    secrets: fetchesSource ? [HF_TOKEN_SECRET] : [],
    ...recipe.checkpoint !== void 0 ? { checkpointDir: CHECKPOINT_CONTEXT_DIR } : {}
  };
}

// src/image/builders.ts
import { readFile as readFile11 } from "node:fs/promises";
import { join } from "node:path";
var BUILDERS = ["docker", "buildah", "podman"];
var TAIL_LINES = 20;
function processExec(env) {
  return async (command, onLine) => {
    const subprocess = execa(command.file, command.args, {
      all: true,
      buffer: false,
      reject: false,
      stdin: "ignore",
      ...env === void 0 ? {} : { env }
    });
    const tail = [];
    try {
      for await (const line of subprocess.iterable({ from: "all" })) {
        onLine?.(line);
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
      }
    } catch {
    }
    const result3 = await subprocess;
    if (result3.exitCode === void 0 && result3.originalMessage !== void 0) tail.push(result3.originalMessage);
    return { exitCode: result3.exitCode, tail };
  };
}
async function detectBuilder(exec) {
  const ok = async (file, args) => (await exec({ file, args })).exitCode === 0;
  if (await ok("docker", ["buildx", "version"]) && await ok("docker", ["version", "--format", "{{.Server.Version}}"])) return "docker";
  if (await ok("buildah", ["--version"])) return "buildah";
  if (await ok("podman", ["--version"])) return "podman";
  throw new UserError(
    "No image builder found: install docker (with buildx and a running engine), buildah or podman, or name one with the 'builder' input"
  );
}
function buildSteps(builder, job) {
  const [first] = job.references;
  if (first === void 0) throw new Error("buildSteps: no image reference to push");
  const tags = job.references.flatMap((ref) => ["--tag", ref]);
  const secrets = Object.entries(job.secrets).flatMap(([id, file]) => ["--secret", `id=${id},src=${file}`]);
  const dockerfile = join(job.contextDir, job.dockerfile);
  if (builder === "docker") {
    const metadata = join(job.workDir, "buildx-metadata.json");
    return [
      {
        command: {
          file: "docker",
          args: ["buildx", "build", "--file", dockerfile, ...tags, ...secrets, "--provenance=false", "--push", "--metadata-file", metadata, job.contextDir]
        },
        digest: { file: metadata, format: "buildx-metadata" }
      }
    ];
  }
  const build2 = { command: { file: builder, args: ["build", "--file", dockerfile, ...tags, ...secrets, job.contextDir] } };
  const pushes = job.references.map((ref, i) => {
    const file = join(job.workDir, `digest-${i}`);
    return { command: { file: builder, args: ["push", "--digestfile", file, ref, `docker://${ref}`] }, digest: { file, format: "digestfile" } };
  });
  return [build2, ...pushes];
}
function cleanupCommand(builder, references) {
  return builder === "docker" ? { file: "docker", args: ["image", "rm", ...references] } : { file: builder, args: ["rmi", ...references] };
}
var DIGEST = /^sha256:[0-9a-f]{64}$/;
async function readDigest(digest) {
  const text = (await readFile11(digest.file, "utf8")).trim();
  let value = text;
  if (digest.format === "buildx-metadata") value = JSON.parse(text)["containerimage.digest"];
  if (typeof value !== "string" || !DIGEST.test(value)) throw new Error(`The builder left no image digest in ${digest.file} (found ${quote(text)})`);
  return value;
}
var BuildFailed = class extends Error {
  constructor(command, result3) {
    const what = `${command.file} ${command.args[0] ?? ""}`.trim();
    const last = result3.tail.filter((l) => l.trim() !== "").at(-1) ?? "(no output)";
    super(result3.exitCode === void 0 ? `${what} could not start: ${last}` : `${what} failed with exit code ${result3.exitCode}: ${last}`);
    this.name = "BuildFailed";
  }
};
async function buildAndPush(builder, job, exec, onLine) {
  let pushed;
  for (const step of buildSteps(builder, job)) {
    const result3 = await exec(step.command, onLine);
    if (result3.exitCode !== 0) throw new BuildFailed(step.command, result3);
    if (step.digest === void 0) continue;
    const digest = await readDigest(step.digest);
    if (pushed !== void 0 && digest !== pushed) {
      throw new Error(`${builder} pushed two tags of one image with different digests (${pushed}, ${digest})`);
    }
    pushed = digest;
  }
  if (pushed === void 0) throw new Error(`${builder}: no step pushed the image`);
  const cleanup = cleanupCommand(builder, job.references);
  const removed = await exec(cleanup, () => {
  });
  if (removed.exitCode !== 0) onLine(`(could not remove the local copies of ${job.references.join(", ")}: ${removed.tail.at(-1) ?? "no output"})`);
  return pushed;
}
async function builderVersion(builder, exec) {
  const command = builder === "docker" ? { file: "docker", args: ["buildx", "version"] } : { file: builder, args: ["--version"] };
  const lines = [];
  const result3 = await exec(command, (line) => lines.push(line));
  return result3.exitCode === 0 ? lines.find((l) => l.trim() !== "")?.trim() ?? builder : builder;
}

// src/image/tags.ts
var HOST = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\[[0-9a-fA-F:]+\](?::[0-9]+)?)`;
var COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
var REPOSITORY = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*$`);
function parseRepository(input, label = "input 'registry'") {
  const repository = input.trim().replace(/\/+$/, "");
  if (repository.length === 0) throw new UserError(`${label} is empty: give a repository such as 'ghcr.io/acme/models'`);
  const last = repository.slice(repository.lastIndexOf("/") + 1);
  if (repository.includes("@") || last.includes(":")) {
    throw new UserError(`${label} must be a repository without a tag or digest (got ${quote(input)}): engine-forge chooses the tags`);
  }
  if (!REPOSITORY.test(repository)) {
    throw new UserError(
      `${label} is not a valid repository reference (got ${quote(input)}): expected [host[:port]/]path in lower case, e.g. 'ghcr.io/acme/models'`
    );
  }
  if (repository.length > 255) throw new UserError(`${label} is longer than 255 characters (got ${quote(input)})`);
  return repository;
}
function tagPart(value) {
  return value.replace(/[^A-Za-z0-9_.-]/g, "_");
}
var FINGERPRINT_TAG_LENGTH = 12;
function imageTags(recipe) {
  const suffix = `-${recipe.fingerprint.slice(0, FINGERPRINT_TAG_LENGTH)}`;
  let moving = tagPart(`${recipe.model}-${recipe.version}-${recipe.precision}-${recipe.vendor}`);
  if (/^[.-]/.test(moving)) moving = `_${moving}`;
  moving = moving.slice(0, 128 - suffix.length);
  return { moving, immutable: `${moving}${suffix}` };
}
function imageReferences(repository, recipe) {
  const tags = imageTags(recipe);
  return [`${repository}:${tags.immutable}`, `${repository}:${tags.moving}`];
}

// src/image/build.ts
async function buildImage(recipe, options) {
  const context = renderBuildContext(recipe, options.provenance);
  const references = imageReferences(options.repository, recipe).slice(0, options.movingTag === false ? 1 : 2);
  const base = options.tmpDir ?? tmpdir();
  const contextDir = await mkdtemp(join2(base, "engine-forge-image-"));
  const workDir = await mkdtemp(join2(base, "engine-forge-build-"));
  try {
    await chmod(workDir, 448);
    for (const file of context.files) {
      const path21 = join2(contextDir, file.path);
      await writeFile5(path21, file.content, { mode: file.mode });
      await chmod(path21, file.mode);
    }
    if (context.checkpointDir !== void 0) {
      if (options.fetchCheckpoint === void 0) throw new Error(`buildImage: ${recipe.id} serves a checkpoint, but no fetchCheckpoint was given`);
      options.log(`Fetching checkpoint ${recipe.checkpoint.id} (${recipe.checkpoint.fingerprint.slice(0, 12)}) into the build context`);
      await options.fetchCheckpoint(join2(contextDir, context.checkpointDir));
    }
    const secrets = {};
    if (context.secrets.includes(HF_TOKEN_SECRET) && options.hfToken !== void 0 && options.hfToken !== "") {
      const file = join2(workDir, HF_TOKEN_SECRET);
      await writeFile5(file, options.hfToken, { mode: 384 });
      secrets[HF_TOKEN_SECRET] = file;
    }
    options.log(`Building ${references.join(", ")} from ${recipe.baseImage} with ${options.builder}`);
    const digest = await buildAndPush(options.builder, { contextDir, dockerfile: DOCKERFILE, references, secrets, workDir }, options.exec, options.log);
    return { image: `${options.repository}@${digest}`, digest, references };
  } finally {
    await rm5(workDir, { recursive: true, force: true });
    await rm5(contextDir, { recursive: true, force: true });
  }
}

// src/image/recipe.ts
function recipeOf(spec) {
  const kv = spec.inputs["kv-cache-dtype"];
  return {
    id: spec.id,
    model: spec.model,
    version: spec.version,
    source: spec.source,
    revision: spec.revision,
    precision: spec.precision,
    vendor: spec.vendor,
    baseImage: spec.baseImage,
    vllmVersion: spec.vllmVersion,
    maxModelLen: spec.maxModelLen,
    maxNumSeqs: spec.maxNumSeqs,
    tensorParallelSize: spec.tensorParallelSize,
    bakeWeights: spec.bakeWeights,
    trustRemoteCode: spec.trustRemoteCode,
    fingerprint: spec.fingerprint,
    ...spec.checkpoint !== void 0 ? { checkpoint: spec.checkpoint } : {},
    ...spec.serverless !== void 0 ? { serverless: spec.serverless } : {},
    ...kv === "auto" || kv === "fp8" || kv === "int8" ? { kvCacheDtype: kv } : {}
  };
}

// src/store/checkpoint-artifact.ts
async function findCheckpoint(store, wanted, channel = "published") {
  const stored = (await listVisible(store, "checkpoint", wanted.id, channel)).find((a) => a.fingerprint === wanted.fingerprint);
  return stored === void 0 ? void 0 : store.readManifest(stored);
}

// src/image/engine-build.ts
import { chmod as chmod2, mkdir as mkdir8, mkdtemp as mkdtemp2, rm as rm6, writeFile as writeFile6 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join3 } from "node:path";

// src/image/trtllm-entrypoint.ts
var SERVING_FACTS_PATH = "/engine-forge/serving.json";
var ARTIFACT_MANIFEST_PATH = "/engine-forge/artifact.json";
var TRTLLM_SERVE_PATH = "/usr/local/bin/engine-forge-serve";
var REFUSED_EXIT = 78;
var TRTLLM_SERVING_FLAGS = [
  { env: "HOST", flag: "--host" },
  { env: "PORT", flag: "--port" },
  { env: "BACKEND", flag: "--backend" },
  { env: "TP_SIZE", flag: "--tp_size" },
  { env: "MAX_BATCH_SIZE", flag: "--max_batch_size" },
  { env: "MAX_NUM_TOKENS", flag: "--max_num_tokens" },
  { env: "MAX_SEQ_LEN", flag: "--max_seq_len" },
  { env: "KV_CACHE_FREE_GPU_MEMORY_FRACTION", flag: "--kv_cache_free_gpu_memory_fraction" },
  { env: "TOKENIZER", flag: "--tokenizer" },
  { env: "REVISION", flag: "--revision" },
  { env: "CONFIG", flag: "--config" },
  { env: "LOG_LEVEL", flag: "--log_level" },
  { env: "TRUST_REMOTE_CODE", flag: "--trust_remote_code", boolean: true }
];
function trtllmEntrypointScript() {
  const flags2 = TRTLLM_SERVING_FLAGS.map((f) => `    (${JSON.stringify(f.env)}, ${JSON.stringify(f.flag)}, ${f.boolean ? "True" : "False"}),`).join("\n");
  return String.raw`#!/usr/bin/env python3
# Generated by engine-forge: checks the GPUs against the artifact, then serves it with trtllm-serve.
import hashlib
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request

FACTS = os.environ.get("ENGINE_FORGE_SERVING_FACTS", "${SERVING_FACTS_PATH}")
ARTIFACT = os.environ.get("ENGINE_FORGE_ARTIFACT_MANIFEST", "${ARTIFACT_MANIFEST_PATH}")
SMI_ARGS = ${JSON.stringify([...NVIDIA_SMI_ARGS])}
REFUSED = ${REFUSED_EXIT}
FLAGS = [
${flags2}
]


def refuse(message):
    sys.stderr.write("engine-forge: refusing to start: " + message + "\n")
    sys.exit(REFUSED)


def fail(message):
    sys.stderr.write("engine-forge: cannot fetch the artifact: " + message + "\n")
    sys.exit(1)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_artifact(facts):
    """Downloads the artifact into its directory, each file verified against the baked manifest.
    A directory that already holds it (a volume kept across starts) is verified, not downloaded."""
    with open(ARTIFACT) as f:
        manifest = json.load(f)
    base = os.environ.get("ENGINE_FORGE_ARTIFACT_URL", "")
    dest = facts["model"]
    stamp = os.path.join(dest, ".engine-forge-verified")
    files = manifest["files"]
    for entry in files:
        parts = entry["path"].split("/")
        if entry["path"].startswith("/") or ".." in parts or "" in parts:
            fail("the manifest names an unsafe path %r" % entry["path"])
    try:
        with open(stamp) as f:
            verified = f.read().strip() == manifest["fingerprint"]
    except OSError:
        verified = False

    def present(entry):
        path = os.path.join(dest, entry["path"])
        return os.path.isfile(path) and os.path.getsize(path) == entry["size"]

    # Verified in full on an earlier start, and nothing has changed size since: no need to hash again.
    if verified and all(present(e) for e in files):
        return
    if os.path.exists(stamp):
        os.remove(stamp)
    for entry in files:
        target = os.path.join(dest, entry["path"])
        if os.path.isfile(target) and os.path.getsize(target) == entry["size"] and sha256_of(target) == entry["sha256"]:
            continue
        if not base:
            refuse("this image fetches its artifact %s (%s) at start: set ENGINE_FORGE_ARTIFACT_URL to the base URL of its files "
                   "(the store's %s)" % (manifest["id"], manifest["fingerprint"][:12], manifest.get("uri", "data prefix")))
        url = base.rstrip("/") + "/" + urllib.parse.quote(entry["path"])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        partial = target + ".partial"
        digest = hashlib.sha256()
        size = 0
        try:
            with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as out:
                for chunk in iter(lambda: response.read(1 << 20), b""):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
        except OSError as error:
            fail("%s: %s" % (url, error))
        if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
            os.remove(partial)
            fail("%s: got %d bytes with SHA-256 %s; the manifest of %s says %d bytes with SHA-256 %s"
                 % (url, size, digest.hexdigest(), manifest["id"], entry["size"], entry["sha256"]))
        os.replace(partial, target)
        sys.stderr.write("engine-forge: fetched %s (%d bytes, verified)\n" % (entry["path"], size))
    with open(stamp, "w") as f:
        f.write(manifest["fingerprint"] + "\n")


def detect_gpus():
    """The GPUs nvidia-smi reports: [(index, name, compute capability)], or a reason it could not say."""
    try:
        done = subprocess.run(["nvidia-smi", *SMI_ARGS], capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        return None, "nvidia-smi is not on PATH (no NVIDIA driver or GPU was given to this container)"
    except subprocess.TimeoutExpired:
        return None, "nvidia-smi did not answer within 60 s"
    if done.returncode != 0:
        said = (done.stdout + done.stderr).strip().splitlines()
        return None, "nvidia-smi failed with exit status %d: %s" % (done.returncode, said[-1] if said else "(no output)")
    listed = []
    for line in done.stdout.splitlines()[1:]:
        fields = [f.strip() for f in line.split(",")]
        if len(fields) >= 4 and fields[0].isdigit():
            listed.append((int(fields[0]), fields[1], fields[3], fields[2]))
    gpus = visible(listed, os.environ.get("CUDA_VISIBLE_DEVICES"))
    if not gpus:
        return None, "nvidia-smi listed no GPU" + (" that CUDA_VISIBLE_DEVICES=%s leaves visible" % os.environ["CUDA_VISIBLE_DEVICES"] if listed else "")
    return [g[:3] for g in gpus], None


def visible(listed, cuda_visible):
    """The GPUs CUDA will use, in its order: CUDA_VISIBLE_DEVICES narrows nvidia-smi's list by index or UUID."""
    if cuda_visible is None:
        return listed
    chosen = []
    for item in (i.strip() for i in cuda_visible.split(",")):
        match = [g for g in listed if (item.isdigit() and g[0] == int(item)) or (item.startswith("GPU-") and g[3].startswith(item))]
        if not match:
            break  # CUDA ignores everything after the first entry it cannot resolve
        chosen.append(match[0])
    return chosen


def wanted(facts):
    gpu = facts["gpu"]
    names = " / ".join(gpu["smiNames"]) or "any name"
    return "%s, built for %d × %s (%s, compute capability %s)" % (facts["cell"], facts["tp"], gpu["family"], names, gpu["computeCapability"])


def described(gpus):
    counts = {}
    for _, name, cc in gpus:
        counts[(name, cc)] = counts.get((name, cc), 0) + 1
    return ", ".join("%d × %s (compute capability %s)" % (n, name, cc) for (name, cc), n in counts.items())


def gpu_problem(facts, gpus, policy):
    """Why this machine cannot serve the artifact, or None."""
    gpu = facts["gpu"]
    tp = int(facts["tp"])
    if len(gpus) < tp:
        return "this machine has %d GPU(s): %s; the artifact needs %d (tensor parallelism)" % (len(gpus), described(gpus), tp)
    used = gpus[:tp]
    if any(cc != gpu["computeCapability"] for _, _, cc in used):
        return "this machine has %s; an engine runs only on the compute capability it was built for" % described(gpus)
    if policy != "compute-capability":
        names = [n.lower() for n in gpu["smiNames"]]
        if names and any(name.lower() not in names for _, name, _ in used):
            return ("this machine has %s; the artifact was built and tuned for %s "
                    "(ENGINE_FORGE_GPU_CHECK=compute-capability accepts a card of the same compute capability)"
                    % (described(gpus), gpu["family"]))
    return None


def given(flag, args):
    return any(a == flag or a.startswith(flag + "=") for a in args)


def serve_argv(facts, env, args):
    """trtllm-serve MODEL, the defaults the user did not pass, then the user's arguments."""
    model = env.get("MODEL_NAME") or facts["model"]
    argv = ["trtllm-serve", model]
    for name, flag, boolean in FLAGS:
        value = env.get(name, "")
        if value == "" or given(flag, args):
            continue
        if boolean:
            if value == "true":
                argv.append(flag)
        else:
            argv += [flag, value]
    return argv + list(args)


def main(args):
    if args and not args[0].startswith("-"):
        os.execvp(args[0], args)
    with open(FACTS) as f:
        facts = json.load(f)
    policy = os.environ.get("ENGINE_FORGE_GPU_CHECK", "family")
    if policy not in ("family", "compute-capability"):
        refuse("ENGINE_FORGE_GPU_CHECK must be 'family' or 'compute-capability' (got %r)" % policy)
    gpus, why = detect_gpus()
    if gpus is None:
        refuse("this image serves %s; %s" % (wanted(facts), why))
    problem = gpu_problem(facts, gpus, policy)
    if problem is not None:
        refuse("this image serves %s; %s" % (wanted(facts), problem))
    if facts.get("artifact") == "fetch":
        fetch_artifact(facts)
    argv = serve_argv(facts, os.environ, args)
    sys.stderr.write("engine-forge: %s on %s: %s\n" % (facts["cell"], described(gpus), " ".join(argv)))
    sys.stderr.flush()
    os.execvp(argv[0], argv)


if __name__ == "__main__":
    main(sys.argv[1:])
`;
}

// src/image/engine-context.ts
var ENGINE_DIR = "/engine";
var ARTIFACT_CONTEXT_DIR = "artifact";
var CHECKPOINT_CONTEXT_DIR2 = "checkpoint";
var LABEL_PREFIX2 = "dev.engine-forge";
var DEFAULT_PORT = "8000";
function servingModel(spec) {
  if (spec.backend === "tensorrt") return ENGINE_DIR;
  return spec.checkpoint !== void 0 ? bakedModelPath(spec.source) : spec.source;
}
function servingFacts(spec) {
  return {
    schema: "engine-forge/serving@1",
    cell: spec.id,
    fingerprint: spec.fingerprint,
    engine: spec.engine,
    gpu: spec.gpuFacts,
    tp: spec.tp,
    backend: spec.backend,
    trtllm: spec.trtllmVersion,
    model: servingModel(spec),
    artifact: spec.artifact
  };
}
function engineServingEnvironment(spec) {
  const env = { HOST: "0.0.0.0", PORT: DEFAULT_PORT, BACKEND: spec.backend, TP_SIZE: String(spec.tp) };
  if (spec.backend === "tensorrt") {
    Object.assign(env, { TOKENIZER: ENGINE_DIR, MAX_BATCH_SIZE: String(spec.batchMax), MAX_SEQ_LEN: String(spec.maxSeqLen), CONFIG: "", REVISION: "" });
  } else {
    Object.assign(env, { CONFIG: `${ENGINE_DIR}/serve.yaml`, REVISION: spec.checkpoint !== void 0 ? "" : spec.revision });
    if (spec.checkpoint !== void 0) env.HF_HUB_OFFLINE = "1";
  }
  if (spec.artifact === "fetch") env.ENGINE_FORGE_ARTIFACT_URL = "";
  if (spec.serverless !== void 0) env.ENGINE_FORGE_MODE = "queue";
  return env;
}
function engineImageLabels(spec, provenance, artifactBytes) {
  const labels3 = {
    "org.opencontainers.image.title": `${spec.model} ${spec.version} (${spec.precision}, ${spec.gpu}, TP ${spec.tp}) on TensorRT-LLM ${spec.trtllmVersion}`,
    "org.opencontainers.image.version": spec.version,
    "org.opencontainers.image.base.name": spec.baseImage
  };
  if (provenance.source !== void 0) labels3["org.opencontainers.image.source"] = provenance.source;
  if (provenance.revision !== void 0) labels3["org.opencontainers.image.revision"] = provenance.revision;
  Object.assign(labels3, {
    [`${LABEL_PREFIX2}.fingerprint`]: spec.fingerprint,
    [`${LABEL_PREFIX2}.id`]: spec.id,
    [`${LABEL_PREFIX2}.model`]: spec.model,
    [`${LABEL_PREFIX2}.model.source`]: spec.source,
    [`${LABEL_PREFIX2}.model.revision`]: spec.revision,
    [`${LABEL_PREFIX2}.precision`]: spec.precision,
    [`${LABEL_PREFIX2}.gpu`]: spec.gpu,
    [`${LABEL_PREFIX2}.compute-capability`]: spec.gpuFacts.computeCapability,
    [`${LABEL_PREFIX2}.tp`]: String(spec.tp),
    [`${LABEL_PREFIX2}.trtllm.version`]: spec.trtllmVersion,
    [`${LABEL_PREFIX2}.trtllm.backend`]: spec.backend,
    [`${LABEL_PREFIX2}.engine`]: `${spec.engine.id}@${spec.engine.fingerprint}`,
    [`${LABEL_PREFIX2}.serverless`]: spec.serverless ?? "none",
    [`${LABEL_PREFIX2}.artifact`]: spec.artifact === "fetch" ? "fetched-at-start" : "baked"
  });
  if (artifactBytes !== void 0) labels3[`${LABEL_PREFIX2}.artifact.bytes`] = String(artifactBytes);
  return labels3;
}
function baseReference2(image) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/.test(image)) throw new UserError(`toolchains.trtllm image is not a valid image reference (got ${quote(image)})`);
  return image;
}
function keyValueLines2(instruction, entries) {
  return `${instruction} ${Object.entries(entries).map(([k, v]) => `${k}=${dockerfileString(v, `${instruction} ${k}`)}`).join(" \\\n    ")}`;
}
function renderEngineDockerfile(spec, provenance) {
  const worker = spec.serverless === "runpod" ? runpodLayers() : void 0;
  const parts = [`# Generated by engine-forge for ${spec.id} (fingerprint ${spec.fingerprint}); do not edit.`, `FROM ${baseReference2(spec.baseImage)}`];
  if (worker) parts.push(...worker.install);
  if (spec.artifact === "fetch") {
    parts.push(`# The artifact ${spec.engine.id} (${spec.engine.fingerprint}) is fetched at start and verified against this list.`, `COPY artifact.json ${ARTIFACT_MANIFEST_PATH}`);
  } else {
    parts.push(`# The ${spec.backend} artifact ${spec.engine.id} (${spec.engine.fingerprint}) from the artifact store, verified.`, `COPY ${JSON.stringify([ARTIFACT_CONTEXT_DIR, ENGINE_DIR])}`);
  }
  if (spec.backend === "pytorch" && spec.checkpoint !== void 0) {
    parts.push(`# The checkpoint ${spec.checkpoint} it serves, verified.`, `COPY ${JSON.stringify([CHECKPOINT_CONTEXT_DIR2, bakedModelPath(spec.source)])}`);
  }
  parts.push(`COPY serving.json ${SERVING_FACTS_PATH}`, `COPY engine-forge-serve ${TRTLLM_SERVE_PATH}`);
  if (worker) parts.push(...worker.copy);
  parts.push(
    keyValueLines2("ENV", engineServingEnvironment(spec)),
    `ENTRYPOINT ${JSON.stringify([worker ? worker.entrypoint : TRTLLM_SERVE_PATH])}`,
    "CMD []",
    keyValueLines2("LABEL", engineImageLabels(spec, provenance))
  );
  return `${parts.join("\n")}
`;
}
function renderEngineBuildContext(spec, provenance, artifact) {
  const files = [
    { path: DOCKERFILE, content: renderEngineDockerfile(spec, provenance), mode: 420 },
    { path: "serving.json", content: `${JSON.stringify(servingFacts(spec), null, 2)}
`, mode: 420 },
    { path: "engine-forge-serve", content: trtllmEntrypointScript(), mode: 493 }
  ];
  if (spec.serverless === "runpod") files.push(...runpodLayers().files);
  if (spec.artifact === "fetch") {
    if (artifact === void 0) throw new Error(`renderEngineBuildContext: ${spec.id} fetches its artifact at start, but no file list was given`);
    files.push({ path: "artifact.json", content: `${JSON.stringify(artifact, null, 2)}
`, mode: 420 });
  }
  return {
    files,
    labels: engineImageLabels(spec, provenance),
    env: engineServingEnvironment(spec),
    secrets: [],
    ...spec.artifact === "bake" ? { artifactDir: ARTIFACT_CONTEXT_DIR } : {},
    ...spec.backend === "pytorch" && spec.checkpoint !== void 0 ? { checkpointDir: CHECKPOINT_CONTEXT_DIR2 } : {}
  };
}

// src/image/engine-build.ts
function engineImageTags(spec) {
  const [, gpu2 = "", , tp2 = "", batch = ""] = spec.id.split("/");
  return imageTags({ model: spec.model, version: spec.version, precision: spec.precision, vendor: `${gpu2}-${tp2}-${batch}`, fingerprint: spec.fingerprint });
}
function engineImageReferences(repository, spec) {
  const tags = engineImageTags(spec);
  return [`${repository}:${tags.immutable}`, `${repository}:${tags.moving}`];
}
async function buildEngineImage(spec, options) {
  const context = renderEngineBuildContext(spec, options.provenance, options.artifact);
  const references = engineImageReferences(options.repository, spec).slice(0, options.movingTag === false ? 1 : 2);
  const base = options.tmpDir ?? tmpdir2();
  const contextDir = await mkdtemp2(join3(base, "engine-forge-engine-image-"));
  const workDir = await mkdtemp2(join3(base, "engine-forge-build-"));
  try {
    for (const file of context.files) {
      const path21 = join3(contextDir, file.path);
      await writeFile6(path21, file.content, { mode: file.mode });
      await chmod2(path21, file.mode);
    }
    if (context.artifactDir !== void 0) {
      options.log(`Fetching artifact ${spec.engine.id} (${spec.engine.fingerprint.slice(0, 12)}) into the build context`);
      await mkdir8(join3(contextDir, context.artifactDir));
      await options.fetchArtifact(join3(contextDir, context.artifactDir));
    }
    if (context.checkpointDir !== void 0) {
      if (options.fetchCheckpoint === void 0) throw new Error(`buildEngineImage: ${spec.id} serves checkpoint ${spec.checkpoint}, but no fetchCheckpoint was given`);
      options.log(`Fetching checkpoint ${spec.checkpoint} into the build context`);
      await mkdir8(join3(contextDir, context.checkpointDir));
      await options.fetchCheckpoint(join3(contextDir, context.checkpointDir));
    }
    options.log(`Building ${references.join(", ")} from ${spec.baseImage} with ${options.builder}`);
    const digest = await buildAndPush(options.builder, { contextDir, dockerfile: DOCKERFILE, references, secrets: {}, workDir }, options.exec, options.log);
    return { image: `${options.repository}@${digest}`, digest, references };
  } finally {
    await rm6(workDir, { recursive: true, force: true });
    await rm6(contextDir, { recursive: true, force: true });
  }
}

// src/commands/engine-image.ts
async function findEngine(store, spec, channel = "published") {
  const stored = (await listVisible(store, "engine", spec.engine.id, channel)).filter((a) => a.fingerprint === spec.engine.fingerprint);
  const newest3 = stored.find((a) => a.channel !== "candidate") ?? stored.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  if (newest3 === void 0) {
    throw new UserError(
      `image ${quote(spec.id)} bakes engine ${quote(spec.engine.id)} (${spec.engine.fingerprint.slice(0, 12)}), which ${store.location} does not hold yet: its job in the plan's engines output must build it first (the plan holds this image back until then)`
    );
  }
  return store.readManifest(newest3);
}
async function checkpointFetcher(store, spec, engine, channel) {
  if (spec.backend !== "pytorch" || spec.checkpoint === void 0) return void 0;
  const fingerprint2 = engine.inputs["checkpoint-fingerprint"];
  if (typeof fingerprint2 !== "string") throw new UserError(`engine ${quote(spec.engine.id)} records no checkpoint-fingerprint, so its checkpoint ${quote(spec.checkpoint)} cannot be found`);
  const manifest = await findCheckpoint(store, { id: spec.checkpoint, fingerprint: fingerprint2 }, channel);
  if (manifest === void 0) throw new UserError(`image ${quote(spec.id)} serves checkpoint ${quote(spec.checkpoint)} (${fingerprint2.slice(0, 12)}), which ${store.location} does not hold`);
  return async (dir) => {
    await downloadArtifact(store, manifest, dir);
  };
}
var bytesOf = (manifest) => (manifest?.files ?? []).reduce((n, f) => n + f.size, 0);
function result(image, built, spec, artifactBytes) {
  return {
    outputs: { image },
    text: image,
    summary: `### TensorRT-LLM image ${spec.id}

${built ? "Built and pushed" : "Already in the store"}: \`${image}\` (artifact ${artifactBytes} bytes, baked in one layer)
`,
    json: { image, id: spec.id, fingerprint: spec.fingerprint, engine: spec.engine, built, artifactBytes }
  };
}
async function engineImageCommand(settings, log, spec, deps) {
  const repository = parseRepository(settings.required("registry"), settings.source.kind === "cli" ? "--registry" : "input 'registry'");
  const store = await openStore(settings);
  const { channel, pullRequest, why } = await channelOf(settings);
  if (channel === "candidate") log.info(`recording the image as a pull-request candidate (${why}): resolve never returns it; the default branch's plan promotes it once merged`);
  const engine = await findEngine(store, spec, channel);
  const existing = await storedImage(store, spec, channel);
  if (existing?.image !== void 0) {
    log.info(`${spec.id} ${spec.version} (${spec.fingerprint.slice(0, 12)}) is already in ${store.location}: ${existing.image}`);
    return result(existing.image, false, spec, bytesOf(engine));
  }
  const fetchCheckpoint2 = await checkpointFetcher(store, spec, engine, channel);
  const checkpointBytes = fetchCheckpoint2 ? bytesOf(await findCheckpoint(store, { id: spec.checkpoint, fingerprint: String(engine.inputs["checkpoint-fingerprint"]) }, channel)) : 0;
  const exec = deps.exec ?? processExec(settings.env);
  const builder = settings.oneOf("builder", BUILDERS) ?? await detectBuilder(exec);
  const now = deps.now ?? (() => /* @__PURE__ */ new Date());
  const createdAt = now().toISOString();
  const built = await buildEngineImage(spec, {
    movingTag: channel !== "candidate",
    repository,
    builder,
    provenance: labelProvenance(settings.env),
    exec,
    log: (line) => log.info(line),
    artifact: { id: engine.id, fingerprint: engine.fingerprint, uri: store.uri(manifestDataPrefix(engine, engine.data)), files: engine.files },
    fetchArtifact: async (dir) => {
      await downloadArtifact(store, engine, dir);
    },
    ...fetchCheckpoint2 ? { fetchCheckpoint: fetchCheckpoint2 } : {}
  });
  const artifactBytes = bytesOf(engine) + checkpointBytes;
  const manifest = {
    schema: MANIFEST_SCHEMA,
    kind: "image",
    id: spec.id,
    model: spec.model,
    version: spec.version,
    fingerprint: spec.fingerprint,
    inputs: spec.inputs,
    digests: spec.digests,
    files: [],
    toolchain: {
      trtllm: spec.trtllmVersion,
      "trtllm-image": spec.baseImage,
      backend: spec.backend,
      builder: await builderVersion(builder, exec),
      engine: `${spec.engine.id}@${spec.engine.fingerprint}`,
      ...spec.serverless ? { serverless: spec.serverless } : {}
    },
    provenance: {
      ...await collectProvenance(settings.env, async () => void 0),
      bytes: artifactBytes,
      ...channel === "candidate" && pullRequest !== void 0 ? { pullRequest } : {}
    },
    image: built.image,
    createdAt,
    completedAt: now().toISOString()
  };
  const committed = await store.commitManifest(manifest, channel);
  if (!committed.created) {
    const winner = committed.existing.image ?? built.image;
    log.notice(`${spec.id} ${spec.fingerprint.slice(0, 12)} was recorded by another run first; using its image ${winner}`);
    return result(winner, false, spec, artifactBytes);
  }
  log.info(`Pushed ${built.references.join(", ")} as ${built.image} (artifact ${artifactBytes} bytes in one layer); recorded in ${store.location}`);
  return result(built.image, true, spec, artifactBytes);
}

// src/commands/image.ts
var ImageEntry = external_exports.looseObject({
  id: external_exports.string().min(1),
  fingerprint: external_exports.string().regex(/^[0-9a-f]{64}$/, "must be 64 hex digits")
});
async function findImageSpec(settings) {
  const input = settings.label("cell");
  const text = settings.required("cell").trim();
  let entry;
  if (text.startsWith("{")) {
    const raw = settings.json("cell");
    const parsed = ImageEntry.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = settings.source.kind === "cli" ? "jobs.images or jobs['engine-images'] of 'plan --json'" : "the plan's images or engine-images output";
      throw new UserError(`${input} is not an entry of ${where} (nor an image id): ${issue.path.join(".") || "(top level)"} ${issue.message} (got ${quote(raw)})`);
    }
    entry = parsed.data;
  } else {
    entry = { id: text };
  }
  const loaded = await loadMatrixFile(settings.required("matrix"), { workspace: settings.workspace(), maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const { images, engines } = deriveCells(loaded.matrix);
  const vllm2 = images.find((i) => i.id === entry.id);
  const engine = vllm2 === void 0 ? deriveEngineImages(loaded.matrix, engines).find((i) => i.id === entry.id) : void 0;
  const found = vllm2 !== void 0 ? { kind: "vllm", spec: vllm2 } : engine !== void 0 ? { kind: "engine", spec: engine } : void 0;
  if (found === void 0) {
    throw new UserError(
      `${input} names image ${quote(entry.id)}, which ${loaded.file} does not produce (it has ${images.length} vLLM images: ${quote(images.map((i) => i.id).join(", "))}, and one engine image per engine cell)`
    );
  }
  const spec = found.spec;
  if (spec.unsupported !== void 0) throw new UserError(`image ${quote(spec.id)} cannot be built: ${spec.unsupported}`);
  if (entry.fingerprint !== void 0 && spec.fingerprint !== entry.fingerprint) {
    throw new UserError(
      `${input} has fingerprint ${entry.fingerprint.slice(0, 12)} for image ${quote(spec.id)}, but ${loaded.file} now gives ${spec.fingerprint.slice(0, 12)}: the matrix changed since the plan; run plan again`
    );
  }
  return found;
}
function labelProvenance(env) {
  const server = env.GITHUB_SERVER_URL || "https://github.com";
  return {
    ...env.GITHUB_REPOSITORY ? { source: `${server}/${env.GITHUB_REPOSITORY}` } : {},
    ...env.GITHUB_SHA ? { revision: env.GITHUB_SHA } : {}
  };
}
async function storedImage(store, spec, channel = "published") {
  for (const where of channel === "candidate" ? ["published", "candidate"] : ["published"]) {
    const found = (await store.list("image", spec.id, where)).find((a) => a.id === spec.id && a.version === spec.version && a.fingerprint === spec.fingerprint);
    if (found) return store.readManifest(found);
  }
  return void 0;
}
async function checkpointFetcher2(store, spec, channel = "published") {
  const wanted = spec.checkpoint;
  if (wanted === void 0) return void 0;
  const manifest = await findCheckpoint(store, wanted, channel);
  if (manifest === void 0) {
    throw new UserError(
      `image ${quote(spec.id)} serves checkpoint ${quote(wanted.id)} (${wanted.fingerprint.slice(0, 12)}), which ${store.location} does not hold yet: its job in the plan's checkpoints output must publish it first (the plan holds this image back until then)`
    );
  }
  const missing = CHECKPOINT_REQUIRED_FILES.filter((name2) => !manifest.files.some((f) => f.path === name2));
  if (missing.length > 0) {
    throw new UserError(`checkpoint ${quote(wanted.id)} (${wanted.fingerprint.slice(0, 12)}) has no ${missing.join(" or ")}: it is not a ModelOpt unified export, so vLLM could not load it as ${spec.precision}`);
  }
  const algo = VLLM_MODELOPT[spec.precision].quantAlgo;
  return async (dir) => {
    await downloadArtifact(store, manifest, dir);
    const problem = quantConfigProblem(await readFile12(join4(dir, "hf_quant_config.json"), "utf8"), algo);
    if (problem !== void 0) throw new UserError(`checkpoint ${quote(wanted.id)} (${wanted.fingerprint.slice(0, 12)}) is not a ${spec.precision} export: ${problem}`);
  };
}
function result2(image, text, built, spec) {
  return {
    outputs: { image },
    text,
    summary: `### vLLM image ${spec.id}

${built ? "Built and pushed" : "Already in the store"}: \`${image}\`
`,
    json: { image, id: spec.id, fingerprint: spec.fingerprint, built }
  };
}
function makeImageCommand(deps = {}) {
  return async function imageCommand2({ settings, log }) {
    const found = await findImageSpec(settings);
    if (found.kind === "engine") return engineImageCommand(settings, log, found.spec, deps);
    const spec = found.spec;
    const repository = parseRepository(settings.required("registry"), settings.label("registry"));
    const store = await openStore(settings);
    const { channel, pullRequest, why } = await channelOf(settings);
    if (channel === "candidate") log.info(`recording the image as a pull-request candidate (${why}): resolve never returns it; the default branch's plan promotes it once merged`);
    const existing = await storedImage(store, spec, channel);
    if (existing?.image !== void 0) {
      log.info(`${spec.id} ${spec.version} (${spec.fingerprint.slice(0, 12)}) is already in ${store.location}: ${existing.image}`);
      return result2(existing.image, existing.image, false, spec);
    }
    await assertVersionOpenTo(store, { ...spec, provenance: {} });
    const fetchCheckpoint2 = await checkpointFetcher2(store, spec, channel);
    const exec = deps.exec ?? processExec(settings.env);
    const builder = settings.oneOf("builder", BUILDERS) ?? await detectBuilder(exec);
    const hfToken = settings.env.HF_TOKEN;
    if (spec.bakeWeights && !spec.checkpoint && !hfToken) log.info("HF_TOKEN is not set: baking the weights without a token (public models only)");
    const now = deps.now ?? (() => /* @__PURE__ */ new Date());
    const createdAt = now().toISOString();
    const built = await buildImage(recipeOf(spec), {
      movingTag: channel !== "candidate",
      repository,
      builder,
      provenance: labelProvenance(settings.env),
      ...hfToken ? { hfToken } : {},
      ...fetchCheckpoint2 ? { fetchCheckpoint: fetchCheckpoint2 } : {},
      exec,
      log: (line) => log.info(line)
    });
    const manifest = {
      schema: MANIFEST_SCHEMA,
      kind: "image",
      id: spec.id,
      model: spec.model,
      version: spec.version,
      fingerprint: spec.fingerprint,
      inputs: spec.inputs,
      digests: spec.digests,
      files: [],
      toolchain: {
        vllm: spec.vllmVersion,
        "vllm-image": spec.baseImage,
        builder: await builderVersion(builder, exec),
        ...spec.checkpoint ? { checkpoint: `${spec.checkpoint.id}@${spec.checkpoint.fingerprint}` } : {}
      },
      // The image is GPU-independent: the build machine's GPU (if any) says nothing about it.
      provenance: { ...await collectProvenance(settings.env, async () => void 0), ...channel === "candidate" && pullRequest !== void 0 ? { pullRequest } : {} },
      image: built.image,
      createdAt,
      completedAt: now().toISOString()
    };
    const committed = await store.commitManifest(manifest, channel);
    if (!committed.created) {
      const winner = committed.existing.image ?? built.image;
      log.notice(`${spec.id} ${spec.fingerprint.slice(0, 12)} was recorded by another run first; using its image ${winner}`);
      return result2(winner, winner, false, spec);
    }
    log.info(`Pushed ${built.references.join(", ")} as ${built.image}; recorded in ${store.location}`);
    return result2(built.image, built.image, true, spec);
  };
}
var imageCommand = makeImageCommand();

// src/commands/bench.ts
var SEED = 20260101;
var MIN_REQUESTS = 32;
async function benchCommand({ settings, log }) {
  const loaded = await loadMatrixFile(settings.required("matrix"), { workspace: settings.workspace(), maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const cell = cellOfEntry(settings, loaded);
  const endpoint = settings.string("endpoint");
  const runtimes = runtimesInput(settings, endpoint);
  const concurrencies = concurrencyInput(settings, cell);
  const { prompts, dataset, outputLen } = datasetInput(settings, cell);
  const benchSettings = { dataset, outputLen, concurrencies, requestsPerLevel: MIN_REQUESTS };
  const startTimeoutMs = settings.int("start-timeout", 1800, { min: 1, max: 86400 }) * 1e3;
  const force = settings.bool("force", false);
  const store = await openStore(settings);
  const gpu2 = await detectGpu(cell);
  if (gpu2.detected) {
    const families = Object.fromEntries(Object.keys(loaded.matrix.gpus).map((family) => [family, gpuFacts(loaded.matrix, family)]));
    const problem = runnerGpuProblem(cell.gpu, gpu2.model, { ...GPU_CATALOGUE, ...families });
    if (problem) throw new UserError(`cell ${quote(cell.id)}: ${problem.replace(/; publish from (.*)$/, "; bench on $1")}`);
  }
  const cells = deriveCells(loaded.matrix);
  const image = cells.images.find((i) => i.cells.includes(cell.id));
  const kind = endpoint === void 0 ? runtimeFromInput(settings.string("runtime")) ?? "native" : void 0;
  const interrupt = abortOnSignals();
  const results = [];
  try {
    for (const runtime of runtimes) {
      const vllmImage = runtime === "vllm" && kind !== void 0 && kind !== "native" ? await vllmImageOf(store, image, cell) : void 0;
      const imageDigest2 = vllmImage ?? null;
      const artifactFingerprint = runtime === "trtllm" ? cell.fingerprint : image?.fingerprint ?? cell.fingerprint;
      const key = benchKey({ cell: cell.id, runtime, artifactFingerprint, imageDigest: imageDigest2, gpuModel: gpu2.model, gpuCount: gpu2.count, settings: benchSettings });
      if (!force && await hasBenchRecord(store, cell.id, runtime, key)) {
        log.info(`${RUNTIME_NAMES[runtime]}: already measured with these settings on ${gpu2.model} (record ${key}); skipped (force: true measures again)`);
        results.push({ runtime, status: "skipped", key });
        continue;
      }
      const startedAt = (/* @__PURE__ */ new Date()).toISOString();
      const measured = endpoint !== void 0 ? await measureEndpoint(endpoint, settings.string("model"), prompts, concurrencies, log) : await measureManaged({ runtime, kind, cell, loaded, settings, prompts, concurrencies, startTimeoutMs, signal: interrupt.signal, log, ...vllmImage ? { vllmImage } : {} });
      const record = {
        schema: BENCH_RECORD_SCHEMA,
        key,
        cell: cell.id,
        model: cell.model,
        gpu: cell.gpu,
        precision: cell.precision,
        tp: cell.tp,
        batchMax: cell.batch.max,
        runtime,
        artifactFingerprint,
        imageDigest: imageDigest2,
        gpuModel: gpu2.model,
        gpuCount: gpu2.count,
        settings: benchSettings,
        coldStart: measured.coldStart,
        levels: measured.levels,
        startedAt,
        finishedAt: (/* @__PURE__ */ new Date()).toISOString()
      };
      const saved = await saveBenchRecord(store, record);
      log.info(`${RUNTIME_NAMES[runtime]}: record ${saved.created ? "stored" : "already stored"} at ${saved.key}`);
      results.push({ runtime, status: "measured", key });
    }
  } catch (error) {
    const signal = interrupt.received();
    if (signal) throw new UserError(`bench interrupted by ${signal}; every server it started was stopped, and no record was stored for the runtime in progress`);
    throw error;
  } finally {
    interrupt.dispose();
  }
  const comparisons = compareAll(await readBenchRecords(store, cell.id));
  const report = renderCompareMarkdown(comparisons);
  return {
    outputs: { report },
    summary: report,
    text: renderCompareText(comparisons),
    json: { cell: cell.id, results, comparisons: comparisons.map((c) => ({ cell: c.cell, verdict: c.verdict })) }
  };
}
async function sweep(endpoint, model2, prompts, concurrencies, log, alive, signal) {
  const levels2 = [];
  for (const concurrency of concurrencies) {
    const requests = Math.max(MIN_REQUESTS, 4 * concurrency);
    const run = await runLevel({ endpoint, model: model2, prompts, concurrency, requests, timeoutMs: 6e5, ...signal ? { signal } : {} });
    if (signal?.aborted) throw new UserError("bench cancelled");
    const stats = summarizeLevel(concurrency, run.samples, run.wallMs);
    const died = alive?.();
    if (died !== void 0) throw new UserError(`${died} during the sweep at ${concurrency} streams (${stats.errors} of ${stats.requests} requests failed there)`);
    log.info(`  ${String(concurrency).padStart(4)} streams: ${Math.round(stats.outputTokensPerS)} tokens/s, TTFT p50 ${Math.round(stats.ttftMs.p50)} ms p99 ${Math.round(stats.ttftMs.p99)} ms, ITL p50 ${stats.itlMs.p50.toFixed(1)} ms, TPOT p50 ${stats.tpotMs.p50.toFixed(1)} ms${stats.errors > 0 ? `, ${stats.errors} failed: ${stats.errorKinds.map((k) => `${k.count}\xD7 ${k.error}`).join("; ")}` : ""}`);
    levels2.push(levelRecord(stats));
  }
  return levels2;
}
async function measureEndpoint(endpoint, model2, prompts, concurrencies, log) {
  const served = await probeEndpoint(endpoint, model2);
  log.info(`measuring ${endpoint} (model ${served}): ${concurrencies.join(", ")} streams`);
  return { coldStart: null, levels: await sweep(endpoint, served, prompts, concurrencies, log) };
}
async function vllmImageOf(store, spec, cell) {
  const manifest = spec && spec.unsupported === void 0 ? await storedImage(store, spec) : void 0;
  if (manifest?.image === void 0) {
    const why = spec === void 0 ? "the matrix gives it no vLLM image" : spec.unsupported !== void 0 ? `its vLLM image cannot be built: ${spec.unsupported}` : `no vLLM image ${quote(spec.id)} with fingerprint ${spec.fingerprint.slice(0, 12)} is stored: run image with its entry of the plan's images output first`;
    throw new UserError(`bench: vLLM for ${quote(cell.id)} runs from the cell's own image, so it is measured as it will be deployed; ${why}`);
  }
  return manifest.image;
}
async function measureManaged(o) {
  const { runtime, cell } = o;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const served = cell.model;
  const gpus = Array.from({ length: cell.tp }, (_, i) => i);
  let argv;
  let mounts = [];
  let image = o.loaded.matrix.toolchains.trtllm.image;
  if (runtime === "trtllm") {
    const dir = o.settings.string("artifact-dir");
    if (dir === void 0) throw new UserError("bench: input 'artifact-dir' is required for runtime trtllm: the cell's engine or checkpoint, as `resolve` with `download` fetched it");
    const artifact = path16.resolve(o.settings.workspace(), dir);
    mounts = [artifact];
    argv = ["trtllm-serve", "serve", artifact, "--host", "127.0.0.1", "--port", String(port), "--tp_size", String(cell.tp), "--max_batch_size", String(cell.batch.max), "--max_seq_len", String(cell.maxSeqLen), ...isEngineDir(artifact) ? ["--backend", "tensorrt"] : []];
  } else {
    const limits = ["--host", "127.0.0.1", "--port", String(port), "--served-model-name", served, "--tensor-parallel-size", String(cell.tp), "--max-model-len", String(cell.maxSeqLen), "--max-num-seqs", String(cell.batch.max)];
    if (o.kind === "native") {
      if (cell.checkpoint !== void 0) {
        throw new UserError(`bench: vLLM in runtime native serves the Hugging Face weights of ${quote(cell.source)}, but ${quote(cell.id)} is ${cell.precision}, served from the quantized checkpoint its vLLM image bakes: bench it with runtime docker or podman`);
      }
      argv = ["vllm", "serve", cell.source, "--revision", cell.revision, ...limits];
    } else {
      image = o.vllmImage;
      argv = limits;
    }
  }
  const log = process.env.GITHUB_ACTIONS === "true" ? actionsBuildLog() : terminalBuildLog();
  const toolchain = openToolchain({ runtime: o.kind, image, gpus, mounts, log });
  const name2 = runtime === "trtllm" ? "trtllm-serve" : "vllm";
  o.log.info(`${RUNTIME_NAMES[runtime]}: starting ${name2} (${o.kind}) for ${cell.id}`);
  const startedAt = performance4.now();
  const service = await toolchain.start({ name: name2, argv }, o.signal);
  let exited;
  void service.exited.then((e) => exited = `${name2} exited (${e.signal ?? `code ${e.exitCode}`})${e.tail.length > 0 ? `; its last lines:
${e.tail.slice(-20).map((l) => `  ${l}`).join("\n")}` : ""}`);
  try {
    const coldStart = await measureColdStart({ name: name2, endpoint, model: served, service, startedAt, timeoutMs: o.startTimeoutMs, signal: o.signal });
    o.log.info(`${RUNTIME_NAMES[runtime]}: healthy after ${coldStart.healthyS.toFixed(1)} s, first token after ${coldStart.firstTokenS.toFixed(1)} s`);
    const levels2 = await sweep(endpoint, served, o.prompts, o.concurrencies, o.log, () => exited, o.signal);
    return { coldStart, levels: levels2 };
  } finally {
    await service.stop();
  }
}
function isEngineDir(dir) {
  try {
    const config = JSON.parse(readFileSync2(path16.join(dir, "config.json"), "utf8"));
    return "build_config" in config && "pretrained_config" in config;
  } catch {
    return false;
  }
}
function cellOfEntry(settings, loaded) {
  const raw = settings.required("cell");
  const value = cellEntryValue(settings, raw);
  const ids = typeof value === "string" ? [value] : value.cells;
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== "string") {
    throw new UserError(`input 'cell' must be one entry of plan's 'engines' output with one cell (bench measures one cell at a time), or a cell id (got ${quote(raw)})`);
  }
  return engineCellsById(loaded, ids, { buildable: false })[0];
}
function runtimesInput(settings, endpoint) {
  const raw = settings.string("runtimes") ?? (endpoint !== void 0 ? void 0 : "trtllm,vllm");
  if (raw === void 0) throw new UserError("input 'runtimes' is required with 'endpoint': name the one runtime the endpoint serves (trtllm or vllm)");
  const list = raw.split(",").map((r) => r.trim()).filter(Boolean);
  for (const r of list) if (!Runtime.safeParse(r).success) throw new UserError(`input 'runtimes' must list trtllm and/or vllm, comma-separated (got ${quote(raw)})`);
  if (list.length === 0) throw new UserError(`input 'runtimes' must list trtllm and/or vllm (got ${quote(raw)})`);
  if (endpoint !== void 0 && list.length !== 1) throw new UserError(`input 'runtimes' must name one runtime with 'endpoint', the one it serves (got ${quote(raw)})`);
  return [...new Set(list)];
}
function concurrencyInput(settings, cell) {
  const raw = settings.string("concurrency");
  if (raw === void 0) return defaultConcurrencies(cell.batch.max);
  const levels2 = raw.split(",").map((x) => x.trim());
  if (levels2.some((x) => !/^\d+$/.test(x) || Number(x) < 1)) throw new UserError(`input 'concurrency' must be whole numbers \u2265 1, comma-separated, like 1,8,64 (got ${quote(raw)})`);
  return [...new Set(levels2.map(Number))].sort((a, b) => a - b);
}
function datasetInput(settings, cell) {
  const { inputLen, outputLen } = defaultLengths(cell);
  const file = settings.string("dataset");
  if (file === void 0) {
    return { prompts: syntheticPrompts({ count: 1024, inputLen, outputLen, seed: SEED }), dataset: { kind: "synthetic", seed: SEED, inputLen }, outputLen };
  }
  let text;
  try {
    text = readFileSync2(path16.resolve(settings.workspace(), file), "utf8");
  } catch (error) {
    throw new UserError(`input 'dataset': cannot read ${quote(file)}: ${error.code ?? error.message}`);
  }
  const { prompts, problems } = parsePromptsJsonl(text, file, outputLen);
  if (problems.length > 0) throw new UserError(`input 'dataset': ${problems.length} bad line${problems.length === 1 ? "" : "s"} in ${file}`, problems.slice(0, 20));
  return { prompts, dataset: { kind: "jsonl", sha256: createHash2("sha256").update(text).digest("hex") }, outputLen };
}
async function detectGpu(cell) {
  try {
    const { stdout } = await execa("nvidia-smi", [...NVIDIA_SMI_ARGS], { timeout: 1e4 });
    const gpus = parseNvidiaSmiCsv(stdout);
    if (gpus.length > 0) return { model: gpus[0].name, count: cell.tp, detected: true };
  } catch {
  }
  return { model: cell.gpu, count: cell.tp, detected: false };
}

// src/commands/compare.ts
async function compareCommand({ settings }) {
  const filter = {
    model: settings.string("model"),
    gpu: settings.string("gpu"),
    precision: settings.string("precision"),
    tp: settings.string("tp") === void 0 ? void 0 : settings.int("tp", 1, { min: 1, max: 64 })
  };
  const store = await openStore(settings);
  const all = await readBenchRecordsUnder(store);
  const records = all.filter((r) => (filter.model === void 0 || r.model === filter.model) && (filter.gpu === void 0 || r.gpu === filter.gpu) && (filter.precision === void 0 || r.precision === filter.precision) && (filter.tp === void 0 || r.tp === filter.tp));
  if (records.length === 0) {
    const narrowed = Object.entries(filter).filter(([, v]) => v !== void 0).map(([k, v]) => `${k} ${String(v)}`);
    throw new UserError(
      `compare: no benchmarks in ${store.location}${narrowed.length > 0 ? ` for ${narrowed.join(", ")}${all.length > 0 ? ` (${all.length} records of other cells)` : ""}` : ""}: run command 'bench' with input 'cell' (one entry of plan's 'engines' output) on a GPU runner first; it stores its records beside the artifacts`
    );
  }
  const comparisons = compareAll(records);
  const markdown = renderCompareMarkdown(comparisons);
  const verdicts = comparisons.map((c) => ({ cell: c.cell, pick: c.verdict.pick ?? null, verdict: c.verdict.headline }));
  return {
    outputs: { report: markdown, verdicts: JSON.stringify(verdicts) },
    summary: markdown,
    text: renderCompareText(comparisons),
    json: { comparisons: comparisons.map((c) => ({ ...c, trtllm: c.trtllm && { ...c.trtllm, record: c.trtllm.record.key }, vllm: c.vllm && { ...c.vllm, record: c.vllm.record.key } })) }
  };
}

// src/store/gc.ts
var import_semver2 = __toESM(require_semver2(), 1);
var MIN_SWEEP_AGE_HOURS = 12;
var PARALLEL_REQUESTS = 32;
function matrixProtection(published, matrix) {
  const bySlot = groupBy(published, (a) => `${a.kind}:${a.id}`);
  const current = new Set(matrix.map((t) => `${t.kind}:${t.id}#${t.fingerprint}`));
  const keys = /* @__PURE__ */ new Set();
  for (const a of published) if (current.has(`${a.kind}:${a.id}#${a.fingerprint}`)) keys.add(a.key);
  for (const t of matrix) {
    const slot = bySlot.get(`${t.kind}:${t.id}`) ?? [];
    for (const range of rangesOf(t.version)) {
      const chosen = resolvePick(slot, range);
      if (!chosen) continue;
      keys.add(chosen.key);
      if (chosen.kind !== "engine") continue;
      const [model2, , precision2] = chosen.id.split("/");
      const image = newest2((bySlot.get(`image:${model2}/${precision2}/nvidia`) ?? []).filter((i) => i.version === chosen.version));
      if (image) keys.add(image.key);
      for (const engineImage of bySlot.get(`image:${chosen.id}`) ?? []) if (engineImage.version === chosen.version) keys.add(engineImage.key);
    }
  }
  return keys;
}
function rangesOf(version) {
  const v = import_semver2.default.parse(version);
  if (!v) return [`=${version}`];
  return [`=${v.version}`, `~${v.major}.${v.minor}`, `^${v.major}`, "*"];
}
function resolvePick(slot, range) {
  if (range.startsWith("=") && import_semver2.default.valid(range.slice(1)) === null) return newest2(slot.filter((a) => a.version === range.slice(1)));
  const inRange = slot.filter((a) => import_semver2.default.valid(a.version) !== null && import_semver2.default.satisfies(a.version, range));
  const version = import_semver2.default.maxSatisfying(
    inRange.map((a) => a.version),
    range
  );
  return version === null ? void 0 : newest2(inRange.filter((a) => a.version === version));
}
function planGc(published, policy) {
  const protect = policy.matrix ? matrixProtection(published, policy.matrix) : /* @__PURE__ */ new Set();
  const current = new Set((policy.matrix ?? []).map((t) => `${t.kind}:${t.id}#${t.fingerprint}`));
  const remove = [];
  const keep = [];
  for (const members of groupBy(published, (a) => `${a.kind}:${a.id}`).values()) {
    const versions = [...new Set(members.map((a) => a.version).filter((v) => import_semver2.default.valid(v) !== null))].sort(import_semver2.default.rcompare);
    const kept = new Set(versions.slice(0, Math.max(0, policy.keepVersions)));
    for (const a of members) {
      const reason = current.has(`${a.kind}:${a.id}#${a.fingerprint}`) ? "current" : protect.has(a.key) ? "resolved" : import_semver2.default.valid(a.version) === null ? "unranked" : kept.has(a.version) ? "newest" : void 0;
      if (reason) keep.push({ artifact: a, reason });
      else remove.push(a);
    }
  }
  return { remove, keep };
}
function spareReferenced(plan, referenced) {
  const spared = plan.remove.filter((a) => a.kind !== "image" && referenced.has(a.fingerprint));
  if (spared.length === 0) return plan;
  return { remove: plan.remove.filter((a) => !spared.includes(a)), keep: [...plan.keep, ...spared.map((artifact) => ({ artifact, reason: "referenced" }))] };
}
function madeFrom(manifest) {
  return [manifest.inputs["checkpoint-fingerprint"], manifest.inputs["engine-fingerprint"]].filter((f) => typeof f === "string");
}
function planCandidates(candidates, published, cutoff) {
  const publishedAt = new Set(published.map(addressId));
  const expire = [];
  const live = [];
  for (const c of candidates) (c.modified.getTime() < cutoff || publishedAt.has(addressId(c)) ? expire : live).push(c);
  return { expire, live };
}
function findOrphans(objects2, referenced, cutoff) {
  const groups = /* @__PURE__ */ new Map();
  for (const object of objects2) {
    const prefix = attemptPrefixOf(object.key);
    if (!prefix) continue;
    if (referenced.has(prefix) || referenced.has(fingerprintPrefixOf(prefix))) continue;
    let group2 = groups.get(prefix);
    if (!group2) groups.set(prefix, group2 = { prefix, objects: 0, bytes: 0, newest: /* @__PURE__ */ new Date(0) });
    group2.objects++;
    group2.bytes += object.size;
    if (object.modified > group2.newest) group2.newest = object.modified;
  }
  return [...groups.values()].filter((g) => g.newest.getTime() < cutoff);
}
async function collectGarbage(store, options) {
  if (!options.dryRun && options.matrix === void 0) throw new Error("gc: refusing to delete without the matrix");
  const log = options.log ?? (() => void 0);
  const now = (options.now ?? /* @__PURE__ */ new Date()).getTime();
  const cutoff = now - options.olderThanHours * 36e5;
  const verb = options.dryRun ? "would delete" : "deleting";
  const kinds = ArtifactKind.options;
  const listAll = async (channel) => (await Promise.all(kinds.map((k) => store.list(k, "", channel)))).flat();
  const [published, candidates] = await Promise.all([listAll("published"), listAll("candidate")]);
  const { expire, live } = planCandidates(candidates, published, now - options.candidatesOlderThanHours * 36e5);
  const plan = await withReferenced(store, planGc(published, options), live);
  await forEachLimit(expire, PARALLEL_REQUESTS, async (c) => {
    log(`${options.dryRun ? "would expire" : "expiring"} candidate ${c.kind} ${c.id}@${c.version} (${c.fingerprint.slice(0, 12)}, from ${c.modified.toISOString()})`);
    if (!options.dryRun) await store.deleteManifest(c);
  });
  await forEachLimit(plan.remove, 8, async (a) => {
    log(`${verb} ${a.kind} ${a.id}@${a.version} (${a.fingerprint.slice(0, 12)})`);
    if (!options.dryRun) await store.deleteArtifact(a);
  });
  const uploads = await store.listPendingUploads();
  const aborted = uploads.filter((u) => u.initiated.getTime() < cutoff);
  await forEachLimit(aborted, PARALLEL_REQUESTS, async (u) => {
    log(`${options.dryRun ? "would abort" : "aborting"} incomplete upload of ${u.key} started ${u.initiated.toISOString()}`);
    if (!options.dryRun) await store.abortPendingUpload(u);
  });
  const removed = new Set(plan.remove.map((a) => a.key));
  const survivors = [...published.filter((a) => !removed.has(a.key)), ...live];
  const referenced = /* @__PURE__ */ new Set();
  for (const a of [...plan.remove, ...expire]) referenced.add(dataPrefix(a));
  for (const u of uploads) if (!aborted.includes(u)) referenced.add(attemptPrefixOf(u.key) ?? u.key);
  const objects2 = await store.listDataObjects();
  const attempts = attemptsPerFingerprint(objects2);
  await forEachLimit(survivors, PARALLEL_REQUESTS, async (a) => {
    if ((attempts.get(dataPrefix(a))?.size ?? 0) <= 1) return void referenced.add(dataPrefix(a));
    const manifest = await store.readManifest(a).catch(() => void 0);
    referenced.add(manifest ? manifestDataPrefix(a, manifest.data) : dataPrefix(a));
  });
  const orphans = findOrphans(objects2, referenced, cutoff);
  await forEachLimit(orphans, 8, async (o) => {
    log(`${verb} unreferenced data ${o.prefix} (${o.objects} objects, ${o.bytes} bytes)`);
    if (!options.dryRun) await store.deleteData(o.prefix);
  });
  return { dryRun: options.dryRun, removed: plan.remove, kept: plan.keep.length, expiredCandidates: expire, liveCandidates: live.length, aborted, orphans };
}
async function withReferenced(store, plan, live) {
  const models = new Set(plan.remove.filter((a) => a.kind !== "image").map((a) => modelOf2(a.id)));
  if (models.size === 0) return plan;
  const referenced = /* @__PURE__ */ new Set();
  const read = async (users) => forEachLimit(users, PARALLEL_REQUESTS, async (a) => {
    const manifest = await store.readManifest(a).catch(() => void 0);
    if (manifest) for (const f of madeFrom(manifest)) referenced.add(f);
    else for (const r of plan.remove) if (r.kind !== "image" && modelOf2(r.id) === modelOf2(a.id)) referenced.add(r.fingerprint);
  });
  await read([...plan.keep.map((k) => k.artifact), ...live].filter((a) => a.kind !== "checkpoint" && models.has(modelOf2(a.id))));
  const spared = spareReferenced(plan, referenced);
  const sparedEngines = spared.keep.filter((k) => k.reason === "referenced" && k.artifact.kind === "engine").map((k) => k.artifact);
  if (sparedEngines.length === 0) return spared;
  await read(sparedEngines);
  return spareReferenced(spared, referenced);
}
function modelOf2(id) {
  return id.split("/")[0] ?? id;
}
function attemptsPerFingerprint(objects2) {
  const map = /* @__PURE__ */ new Map();
  for (const o of objects2) {
    const attempt = attemptPrefixOf(o.key);
    if (!attempt) continue;
    const fingerprint2 = fingerprintPrefixOf(attempt);
    const set = map.get(fingerprint2);
    if (set) set.add(attempt);
    else map.set(fingerprint2, /* @__PURE__ */ new Set([attempt]));
  }
  return map;
}
function fingerprintPrefixOf(attempt) {
  return attempt.slice(0, attempt.slice(0, -1).lastIndexOf("/") + 1);
}
function addressId(a) {
  return `${a.kind}:${a.id}@${a.version}#${a.fingerprint}`;
}
function newest2(list) {
  let best;
  for (const a of list) if (!best || a.modified > best.modified) best = a;
  return best;
}
function groupBy(items, key) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const k = key(item);
    const group2 = groups.get(k);
    if (group2) group2.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// src/commands/gc.ts
async function gcCommand({ settings, log }) {
  const keepVersions = settings.int("keep", 3, { min: 1 });
  const dryRun = settings.bool("dry-run", true);
  const olderThanHours = hours(settings, "abort-uploads-older-than", "24");
  const candidatesOlderThanHours = hours(settings, "expire-candidates-after", "14d");
  const matrixPath = settings.string("matrix");
  if (matrixPath === void 0 && !dryRun) {
    throw new UserError(
      `${settings.label("matrix")} is required when ${settings.label("dry-run")} is false: gc deletes only what the matrix no longer resolves to, so it must read the matrix first (a dry run without it only reports)`
    );
  }
  const matrix = matrixPath === void 0 ? void 0 : await matrixTargets(settings, matrixPath);
  if (matrix === void 0) log.warning("gc: no 'matrix' given; this dry run keeps only the newest versions per cell and cannot see what the matrix still resolves to");
  const store = await openStore(settings);
  const report = await collectGarbage(store, { keepVersions, matrix, olderThanHours, candidatesOlderThanHours, dryRun, log: (line) => log.info(line) });
  const verb = dryRun ? "would delete" : "deleted";
  const text = [
    `${verb} ${report.removed.length} artifacts, kept ${report.kept}`,
    `${dryRun ? "would expire" : "expired"} ${report.expiredCandidates.length} pull-request candidates, kept ${report.liveCandidates}`,
    `${dryRun ? "would abort" : "aborted"} ${report.aborted.length} incomplete uploads older than ${olderThanHours} h`,
    `${verb} ${report.orphans.length} unreferenced data prefixes`,
    ...dryRun ? [`dry run: nothing was changed; set ${settings.assignment("dry-run", "false")}${matrix === void 0 ? ` (with ${settings.label("matrix")})` : ""} to delete`] : []
  ].join("\n");
  return {
    outputs: {
      deleted: String(report.removed.length),
      expired: String(report.expiredCandidates.length),
      aborted: String(report.aborted.length),
      orphans: String(report.orphans.length),
      "dry-run": String(dryRun)
    },
    text,
    json: report
  };
}
async function matrixTargets(settings, file) {
  const loaded = await loadMatrixFile(file, { workspace: settings.workspace(), maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const { engines, images, checkpoints } = deriveCells(loaded.matrix);
  const target = (kind) => (t) => ({ kind, id: t.id, version: t.version, fingerprint: t.fingerprint });
  return [
    ...engines.map(target("engine")),
    ...checkpoints.map(target("checkpoint")),
    ...images.map(target("image")),
    // An engine cell's TensorRT-LLM image is an image under the cell's own id.
    ...deriveEngineImages(loaded.matrix, engines).map(target("image"))
  ];
}
function hours(settings, name2, fallback) {
  const raw = settings.string(name2) ?? fallback;
  const match = /^(\d+)\s*([hd]?)$/.exec(raw.trim());
  if (!match) throw new UserError(`${settings.label(name2)} must be a number of hours such as 24 or 24h, or days such as 14d (got ${quote(raw)})`);
  const value = Number(match[1]) * (match[2] === "d" ? 24 : 1);
  if (value < MIN_SWEEP_AGE_HOURS) {
    throw new UserError(
      `${settings.label(name2)} must be at least ${MIN_SWEEP_AGE_HOURS}h (got ${quote(raw)}): anything younger may belong to a publish still uploading (a multi-GB engine on a slow link, within an AWS session of up to 12 hours), and sweeping it would fail that publish or leave its manifest pointing at deleted files`
    );
  }
  return value;
}

// src/commands/plan.ts
import { mkdir as mkdir9, open as open2 } from "node:fs/promises";
import os3 from "node:os";
import path18 from "node:path";

// src/core/outputs.ts
var MAX_MATRIX_JOBS = 256;
var MAX_OUTPUT_BYTES = 1e6;
function checkpointJobs(plan, maxJobs = MAX_MATRIX_JOBS) {
  const building = plan.checkpoints.filter((k) => k.status === "build");
  if (building.length > maxJobs) {
    throw new UserError(`the plan needs ${building.length} checkpoints, more than the ${maxJobs} jobs one matrix may have; split the matrix file`);
  }
  return building.map(({ checkpoint: k }) => ({
    name: `checkpoint ${k.model} ${k.version} ${k.precision} on ${k.gpu}`,
    "runs-on": k.runsOn,
    checkpoint: k.id,
    model: k.model,
    version: k.version,
    precision: k.precision,
    gpu: k.gpu,
    fingerprint: k.fingerprint
  }));
}
function engineJobs(plan, maxJobs = MAX_MATRIX_JOBS) {
  const groups = /* @__PURE__ */ new Map();
  for (const e of plan.engines) {
    if (e.status !== "build") continue;
    const key = JSON.stringify(e.cell.runsOn);
    const group2 = groups.get(key) ?? { labels: e.cell.runsOn, cells: [], gpu: e.cell.gpu };
    group2.cells.push(e.id);
    groups.set(key, group2);
  }
  const total = [...groups.values()].reduce((n, g) => n + g.cells.length, 0);
  if (total <= maxJobs) {
    return plan.engines.filter((e) => e.status === "build").map((e) => ({ name: `${e.cell.model} ${e.cell.version} ${e.cell.gpu} ${e.cell.precision} tp${e.cell.tp} b${e.cell.batch.min}-${e.cell.batch.max}`, "runs-on": e.cell.runsOn, cells: [e.id] }));
  }
  if (groups.size > maxJobs) {
    throw new UserError(`the plan needs ${groups.size} distinct runner label sets, more than the ${maxJobs} jobs one matrix may have`);
  }
  let perJob = Math.ceil(total / maxJobs);
  const jobsFor = (n) => [...groups.values()].reduce((jobs2, g) => jobs2 + Math.ceil(g.cells.length / n), 0);
  while (jobsFor(perJob) > maxJobs) perJob++;
  const jobs = [];
  for (const group2 of groups.values()) {
    const count = Math.ceil(group2.cells.length / perJob);
    const size = Math.ceil(group2.cells.length / count);
    for (let i = 0; i < count; i++) {
      const cells = group2.cells.slice(i * size, (i + 1) * size);
      if (cells.length > 0) jobs.push({ name: `${group2.gpu} ${i + 1}/${count} (${cells.length} cells)`, "runs-on": group2.labels, cells });
    }
  }
  return jobs;
}
function imageJobs(plan) {
  return plan.images.filter((i) => i.status === "build").map(({ image }) => ({
    name: `${image.model} ${image.version} ${image.precision} ${image.vendor}`,
    id: image.id,
    model: image.model,
    version: image.version,
    precision: image.precision,
    vendor: image.vendor,
    fingerprint: image.fingerprint,
    "runs-on": image.runsOn
  }));
}
function engineImageJobs(plan, maxJobs = MAX_MATRIX_JOBS) {
  const building = plan.engineImages.filter((i) => i.status === "build");
  if (building.length > maxJobs) {
    throw new UserError(`the plan needs ${building.length} engine images, more than the ${maxJobs} jobs one matrix may have; split the matrix file`);
  }
  return building.map(({ image }) => ({
    name: `${image.model} ${image.version} ${image.precision} ${image.gpu} tp${image.tp} image`,
    id: image.id,
    model: image.model,
    version: image.version,
    gpu: image.gpu,
    precision: image.precision,
    tp: image.tp,
    fingerprint: image.fingerprint,
    "runs-on": image.runsOn
  }));
}
function matrixOutput(entries) {
  return JSON.stringify({ include: entries });
}
function checkOutputSize(outputs) {
  const bytes = Object.entries(outputs).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > MAX_OUTPUT_BYTES) {
    throw new UserError(`the plan's outputs take ${bytes} bytes, more than GitHub's ${MAX_OUTPUT_BYTES}-byte limit per job; split the matrix file (outputs: ${quote(Object.keys(outputs).join(", "))})`);
  }
}

// src/core/plan.ts
var import_semver3 = __toESM(require_semver2(), 1);
function artifactsToExplain(targets, existing) {
  const index = indexBySlot(existing);
  const chosen = /* @__PURE__ */ new Map();
  for (const t of targets) {
    if (t.unsupported !== void 0) continue;
    const slot = index.get(t.id);
    if (!slot || slot.fingerprints.has(t.fingerprint)) continue;
    for (const { needs } of movedGroups(t, slot.newest)) if (!chosen.has(needs)) chosen.set(needs, slot.newest);
  }
  return [...new Map([...chosen.values()].map((e) => [e.key, e])).values()];
}
function movedGroups(target, newest3) {
  const before = parseSignature(newest3.signature);
  const now = parseSignature(target.signature) ?? groupDigests(target.digests);
  if (!before) return INPUT_GROUPS.map((group2) => ({ group: group2, needs: `${group2}:${newest3.key}`, now: now[group2] }));
  return INPUT_GROUPS.filter((g) => before[g] !== now[g]).map((group2) => ({ group: group2, needs: `${group2}:${before[group2]}`, now: now[group2] }));
}
function promotable(targets, published, candidates) {
  const have = new Set(published.map((e) => `${e.kind}:${e.id}#${e.fingerprint}`));
  const byTarget = /* @__PURE__ */ new Map();
  for (const c of candidates) {
    const key = `${c.id}#${c.fingerprint}`;
    const seen = byTarget.get(key);
    if (!have.has(`${c.kind}:${key}`) && (!seen || c.modified > seen.modified)) byTarget.set(key, c);
  }
  return targets.flatMap((t) => t.unsupported === void 0 ? byTarget.get(`${t.id}#${t.fingerprint}`) ?? [] : []);
}
function planAgainst(cells, existing, previous, promoted = /* @__PURE__ */ new Map()) {
  const engineIndex = indexBySlot(existing.filter((e) => e.kind === "engine"));
  const imageIndex = indexBySlot(existing.filter((e) => e.kind === "image"));
  const checkpointIndex = indexBySlot(existing.filter((e) => e.kind === "checkpoint"));
  const known = knownGroupValues(existing, previous);
  const described = /* @__PURE__ */ new Map();
  const decideIn = (target, index) => decide(target, index, known, described, promoted);
  const engines = cells.engines.map((cell) => ({ kind: "engine", cell, ...decideIn(cell, engineIndex) }));
  const checkpoints = (cells.checkpoints ?? []).map((checkpoint) => ({ kind: "checkpoint", checkpoint, ...decideIn(checkpoint, checkpointIndex) }));
  const images = cells.images.map((image) => ({ kind: "image", image, ...holdForCheckpoint(image, decideIn(image, imageIndex), checkpointIndex) }));
  const engineImages = (cells.engineImages ?? []).map(
    (image) => ({ kind: "engine-image", image, ...holdForEngine(image, decideIn(image, imageIndex), engineIndex) })
  );
  const count = (list, status) => list.filter((x) => x.status === status).length;
  return {
    engines,
    images,
    checkpoints,
    engineImages,
    counts: {
      build: count(engines, "build"),
      skip: count(engines, "skip"),
      unsupported: count(engines, "unsupported"),
      imageBuild: count(images, "build"),
      imageSkip: count(images, "skip"),
      imageUnsupported: count(images, "unsupported"),
      imageWaiting: count(images, "waiting"),
      checkpointBuild: count(checkpoints, "build"),
      checkpointSkip: count(checkpoints, "skip"),
      checkpointUnsupported: count(checkpoints, "unsupported"),
      engineImageBuild: count(engineImages, "build"),
      engineImageSkip: count(engineImages, "skip"),
      engineImageUnsupported: count(engineImages, "unsupported"),
      engineImageWaiting: count(engineImages, "waiting"),
      promoted: [...engines, ...checkpoints, ...images, ...engineImages].filter((x) => x.promoted).length
    }
  };
}
function holdForCheckpoint(image, decision, checkpoints) {
  if (decision.status !== "build" || image.checkpoint === void 0) return decision;
  if (checkpoints.get(image.checkpoint.id)?.fingerprints.has(image.checkpoint.fingerprint)) return decision;
  const { changes: _changes, ...rest } = decision;
  return { ...rest, status: "waiting", reason: `waiting for checkpoint ${image.checkpoint.id} (${image.checkpoint.fingerprint.slice(0, 12)}); the plan after it is stored builds this image` };
}
function holdForEngine(image, decision, engines) {
  if (decision.status !== "build") return decision;
  if (engines.get(image.engine.id)?.fingerprints.has(image.engine.fingerprint)) {
    if (!decision.changes) return decision;
    const serverlessMoved = decision.changes.some((c) => c.startsWith("serverless "));
    const causes = decision.changes.filter((c) => !(serverlessMoved && c.startsWith("worker "))).map(engineImageChange);
    return { ...decision, reason: causes.join(", ") || decision.reason };
  }
  const { changes: _changes, ...rest } = decision;
  return { ...rest, status: "waiting", reason: `waiting for engine ${image.engine.id} (${image.engine.fingerprint.slice(0, 12)}); the plan after it is stored builds this image` };
}
var ENGINE_IMAGE_CAUSES = {
  "engine-fingerprint": "a new engine",
  "trtllm-image": "a new base image",
  recipe: "a new image recipe",
  serverless: "serverless workers",
  worker: "a new serverless worker",
  artifact: "the artifact fetched at start"
};
function engineImageChange(change) {
  const name2 = change.slice(0, change.indexOf(" "));
  const cause = ENGINE_IMAGE_CAUSES[name2];
  return cause === void 0 ? change : `${cause} (${change})`;
}
function knownGroupValues(existing, previous) {
  const known = /* @__PURE__ */ new Map();
  const byKey = new Map(existing.map((e) => [e.key, e]));
  for (const [key, recorded] of previous) {
    const signature = parseSignature(byKey.get(key)?.signature ?? "");
    for (const group2 of INPUT_GROUPS) {
      known.set(`${group2}:${key}`, recorded);
      if (signature && !known.has(`${group2}:${signature[group2]}`)) known.set(`${group2}:${signature[group2]}`, recorded);
    }
  }
  return known;
}
function pick(recorded, groups) {
  const inputs = {};
  const digests = {};
  for (const [name2, value] of Object.entries(recorded.inputs)) if (groups.has(groupOf(name2))) inputs[name2] = value;
  for (const [name2, digest] of Object.entries(recorded.digests ?? {})) if (groups.has(groupOf(name2))) digests[name2] = digest;
  return { inputs, digests };
}
function indexBySlot(existing) {
  const index = /* @__PURE__ */ new Map();
  for (const e of [...existing].sort((a, b) => Number(b.channel === "candidate") - Number(a.channel === "candidate"))) {
    const slot = index.get(e.id);
    const version = e.channel === "candidate" ? "" : e.version;
    if (!slot) {
      index.set(e.id, { fingerprints: /* @__PURE__ */ new Map([[e.fingerprint, e]]), newest: e, highest: version });
      continue;
    }
    slot.fingerprints.set(e.fingerprint, e);
    if (version !== "" && (slot.highest === "" || isNewer(version, slot.highest))) slot.highest = version;
    if (e.modified > slot.newest.modified || +e.modified === +slot.newest.modified && compareText(e.key, slot.newest.key) > 0) slot.newest = e;
  }
  return index;
}
function decide(target, index, known, described, promoted) {
  const base = { id: target.id, fingerprint: target.fingerprint };
  if (target.unsupported !== void 0) return { ...base, status: "unsupported", reason: target.unsupported };
  const slot = index.get(target.id);
  if (!slot) return { ...base, status: "build", reason: "no artifact yet" };
  const match = slot.fingerprints.get(target.fingerprint);
  const promotion = match ? promoted.get(match.key) : void 0;
  const decided2 = match && promotion !== void 0 ? { status: "skip", reason: promotion, artifact: match.key, promoted: true } : match?.channel === "candidate" ? { status: "skip", reason: `built for a pull request (candidate ${match.modified.toISOString().slice(0, 10)}); promoted, not rebuilt, once merged`, artifact: match.key } : match ? { status: "skip", reason: `up to date (${match.version} stored ${match.modified.toISOString().slice(0, 10)})`, artifact: match.key } : build(target, slot, known, described);
  const version = String(target.inputs.version ?? "");
  if (!isNewer(slot.highest, version)) return { ...base, ...decided2 };
  const warning2 = `goes backwards: the store already has ${slot.highest}, newer than ${version}, and resolve prefers it for any range holding both`;
  return { ...base, ...decided2, reason: `${warning2}; ${decided2.reason}` };
}
var newerCache = /* @__PURE__ */ new Map();
function isNewer(a, b) {
  if (a === b) return false;
  const key = `${a} ${b}`;
  let answer = newerCache.get(key);
  if (answer === void 0) {
    answer = import_semver3.default.valid(a) !== null && import_semver3.default.valid(b) !== null && import_semver3.default.gt(a, b);
    if (newerCache.size > 1e4) newerCache.clear();
    newerCache.set(key, answer);
  }
  return answer;
}
function build(target, slot, known, described) {
  const moved = movedGroups(target, slot.newest);
  const memo = moved.map((m) => `${m.needs}>${m.now}`).join(";");
  const shared = described.get(memo);
  if (shared) return { status: "build", ...describe(shared.changes, shared.reason, slot.newest.version) };
  const before = { inputs: {}, digests: {} };
  for (const { group: group2, needs } of moved) {
    const recorded = known.get(needs);
    if (!recorded) return { status: "build", reason: `inputs changed since ${slot.newest.version} (its manifest could not be read)` };
    const part = pick(recorded, /* @__PURE__ */ new Set([group2]));
    Object.assign(before.inputs, part.inputs);
    Object.assign(before.digests, part.digests);
  }
  const changes = describeChanges(before, pick(target, new Set(moved.map((m) => m.group))));
  const reason = changes.join(", ");
  described.set(memo, { changes, reason });
  return { status: "build", ...describe(changes, reason, slot.newest.version) };
}
function describe(changes, reason, since) {
  return { reason: changes.length > 0 ? reason : `key schema changed since ${since}`, changes };
}

// src/core/markdown.ts
var LINE_BREAKS = /[\p{Cc}\u2028\u2029]+/gu;
var ZWSP = "&#8203;";
var HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function inertMarkdown(text) {
  return text.replace(LINE_BREAKS, " ").replace(/[&<>\\`*[\]|~$#]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (ch) => HTML[ch] ?? `\\${ch}`).replace(/^(\s*)([-+=])(?=\s|$)/, "$1\\$2").replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2").replace(/@/g, `@${ZWSP}`).replace(/\\#(?=\d)/g, `\\#${ZWSP}`).replace(/\b(GH-)(?=\d)/gi, `$1${ZWSP}`).replace(/\b(https?|ftp):(?=\/\/)/gi, `$1:${ZWSP}`).replace(/\b(www)\./gi, `$1${ZWSP}.`);
}
function codeSpan(text) {
  const flat = text.replace(LINE_BREAKS, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(flat) && flat.trim() !== "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

// src/core/summary.ts
var MAX_SUMMARY_BYTES = 1024 * 1024;
function renderSummary(plan, context, limit = MAX_SUMMARY_BYTES) {
  const c = plan.counts;
  const parts = [
    `## engine-forge plan: ${codeSpan(context.matrix)}`,
    "",
    `Store: ${codeSpan(context.store)}`,
    "",
    ...(context.notices ?? []).map((n) => `> ${n}
`),
    "| | build | skip | unsupported |",
    "|---|---:|---:|---:|",
    `| TensorRT-LLM cells | ${c.build} | ${c.skip} | ${c.unsupported} |`,
    `| vLLM images | ${c.imageBuild} | ${c.imageSkip} | ${c.imageUnsupported} |`,
    ...plan.checkpoints.length > 0 ? [`| Quantized checkpoints | ${c.checkpointBuild} | ${c.checkpointSkip} | ${c.checkpointUnsupported} |`] : [],
    ...plan.engineImages.length > 0 ? [`| TensorRT-LLM images | ${c.engineImageBuild} | ${c.engineImageSkip} | ${c.engineImageUnsupported} |`] : [],
    "",
    ...c.engineImageWaiting > 0 ? [`${c.engineImageWaiting} TensorRT-LLM image${c.engineImageWaiting === 1 ? " waits" : "s wait"} for an engine that is not stored yet; the plan after it is stored builds ${c.engineImageWaiting === 1 ? "it" : "them"}.`, ""] : [],
    ...c.imageWaiting > 0 ? [`${c.imageWaiting} vLLM image${c.imageWaiting === 1 ? " waits" : "s wait"} for a checkpoint that is not stored yet; the plan after it is stored builds ${c.imageWaiting === 1 ? "it" : "them"}.`, ""] : []
  ];
  const sections = [
    table("Cells to build", ["cell", "version", "runs-on", "why"], rows(plan.engines, "build", (e) => [e.id, e.cell.version, e.cell.runsOn.join(", "), e.reason])),
    table("Checkpoints to build", ["checkpoint", "calibrates on", "runs-on", "why"], rows(plan.checkpoints, "build", (k) => [k.id, `${k.checkpoint.gpu} \xD7 ${k.checkpoint.gpuCount}`, k.checkpoint.runsOn.join(", "), k.reason])),
    table("Images to build", ["image", "version", "base", "why"], rows(plan.images, "build", (i) => [i.id, i.image.version, i.image.baseImage, i.reason])),
    table("Images waiting for their checkpoint", ["image", "why"], rows(plan.images, "waiting", (i) => [i.id, i.reason])),
    table("TensorRT-LLM images to build", ["cell", "version", "base", "why"], rows(plan.engineImages, "build", (i) => [i.id, i.image.version, i.image.baseImage, i.reason])),
    table("Unsupported", ["cell", "why"], [
      ...rows(plan.engines, "unsupported", (e) => [e.id, e.reason]),
      ...rows(plan.images, "unsupported", (i) => [`image ${i.id}`, i.reason]),
      ...rows(plan.checkpoints, "unsupported", (k) => [`checkpoint ${k.id}`, k.reason]),
      // An image whose engine is unsupported says nothing the engine's row does not.
      ...rows(plan.engineImages, "unsupported", (i) => [`TensorRT-LLM image ${i.id}`, i.reason]).filter(([, why]) => !why.startsWith("its engine cannot be built"))
    ]),
    details("Up to date", ["cell", "why"], [
      ...rows(plan.engines, "skip", (e) => [e.id, e.reason]),
      ...rows(plan.images, "skip", (i) => [`image ${i.id}`, i.reason]),
      ...rows(plan.checkpoints, "skip", (k) => [`checkpoint ${k.id}`, k.reason]),
      ...rows(plan.engineImages, "skip", (i) => [`TensorRT-LLM image ${i.id}`, i.reason])
    ])
  ];
  return truncate([...parts, ...sections.filter(Boolean)].join("\n"), limit);
}
function rows(list, status, row) {
  return list.filter((x) => x.status === status).map(row);
}
function table(title, header, body) {
  if (body.length === 0) return "";
  return [`### ${title} (${body.length})`, "", `| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...body.map((r) => `| ${r.map(inertMarkdown).join(" | ")} |`), ""].join("\n");
}
function details(title, header, body) {
  if (body.length === 0) return "";
  return [`<details><summary>${title} (${body.length})</summary>`, "", table(title, header, body).split("\n").slice(2).join("\n"), "</details>", ""].join("\n");
}
function truncate(markdown, limit) {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = "\n\n> **Summary truncated**: it exceeded GitHub's 1 MiB step-summary limit. The full plan is in the `plan` output file.\n";
  const budget = limit - Buffer.byteLength(note);
  let cut = Buffer.from(markdown).subarray(0, budget).toString("utf8");
  cut = cut.slice(0, cut.lastIndexOf("\n"));
  return cut.replace(/\uFFFD$/, "") + note;
}

// src/core/table.ts
var HEADER = ["STATUS", "KIND", "ID", "VERSION", "FINGERPRINT", "REASON"];
function renderTable(plan) {
  const rows2 = [
    ...plan.engines.map((e) => [e.status, "engine", e.id, e.cell.version, e.fingerprint, e.reason]),
    ...plan.checkpoints.map((k) => [k.status, "checkpoint", k.id, k.checkpoint.version, k.fingerprint, k.reason]),
    ...plan.images.map((i) => [i.status, "image", i.id, i.image.version, i.fingerprint, i.reason])
  ];
  const widths = [HEADER[0].length, HEADER[1].length, HEADER[2].length, HEADER[3].length, HEADER[4].length];
  for (const r of rows2) {
    if (r[0].length > widths[0]) widths[0] = r[0].length;
    if (r[1].length > widths[1]) widths[1] = r[1].length;
    if (r[2].length > widths[2]) widths[2] = r[2].length;
    if (r[3].length > widths[3]) widths[3] = r[3].length;
  }
  if (rows2.length > 0) widths[4] = Math.max(widths[4], 12);
  const line = (status, kind, id, version, fingerprint2, reason) => `${status.padEnd(widths[0])}  ${kind.padEnd(widths[1])}  ${id.padEnd(widths[2])}  ${version.padEnd(widths[3])}  ${fingerprint2.padEnd(widths[4])}  ${reason}`.trimEnd();
  const lines = [line(...HEADER)];
  for (const r of rows2) lines.push(line(r[0], r[1], r[2], r[3], r[4].slice(0, 12), r[5]));
  const c = plan.counts;
  lines.push("", `engines: ${c.build} to build, ${c.skip} up to date, ${c.unsupported} unsupported; images: ${c.imageBuild} to build, ${c.imageSkip} up to date, ${c.imageUnsupported} unsupported${c.imageWaiting > 0 ? `, ${c.imageWaiting} waiting for a checkpoint` : ""}` + (plan.checkpoints.length > 0 ? `; checkpoints: ${c.checkpointBuild} to build, ${c.checkpointSkip} up to date, ${c.checkpointUnsupported} unsupported` : ""));
  return lines.join("\n");
}

// src/store/promote.ts
async function promoteCandidate(store, candidate, promotedBy) {
  const read = await store.readManifest(candidate);
  const manifest = { ...read, provenance: { ...read.provenance, ...promotedBy ? { promotedBy } : {} } };
  const key = manifestKey(addressOf(manifest));
  const result3 = await store.commitManifest(manifest, "published");
  if (result3.created) return { manifest, key, created: true, promoted: true };
  const sameData = manifestDataPrefix(result3.existing, result3.existing.data) === manifestDataPrefix(read, read.data);
  return { manifest: result3.existing, key, created: false, promoted: sameData };
}
function describePromotion(m) {
  const from = m.provenance.pullRequest === void 0 ? "a pull request" : `pull request #${m.provenance.pullRequest}`;
  const run = m.provenance.runUrl ? ` by ${m.provenance.runUrl}` : "";
  return `promoted from ${from} (built${run} ${m.completedAt.slice(0, 10)}, same fingerprint); not rebuilt`;
}

// src/commands/context.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// src/github/plan-report.ts
import path17 from "node:path";

// src/github/api.ts
var GitHubApiError = class extends Error {
  /** HTTP status; 0 when no answer came (connection refused, timeout). */
  status;
  constructor(method, url2, status, detail) {
    const where = `GitHub API ${method} ${new URL(url2).pathname}`;
    super(status === 0 ? `${where}: ${detail}` : `${where} answered ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "GitHubApiError";
    this.status = status;
  }
};
function createGitHubApi(options = {}) {
  const base = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const graphqlUrl = options.graphqlUrl ?? (/\/api\/v3$/.test(base) ? base.replace(/\/v3$/, "/graphql") : `${base}/graphql`);
  const doFetch = options.fetch ?? fetch;
  const headers = (accept) => ({
    accept,
    "user-agent": "engine-forge",
    "x-github-api-version": "2022-11-28",
    ...options.token ? { authorization: `Bearer ${options.token}` } : {}
  });
  async function send(method, url2, accept, body) {
    try {
      return await doFetch(url2, {
        method,
        headers: { ...headers(accept), ...body === void 0 ? {} : { "content-type": "application/json" } },
        ...body === void 0 ? {} : { body: JSON.stringify(body) },
        signal: AbortSignal.timeout(3e4)
      });
    } catch (error) {
      const cause = error.cause;
      throw new GitHubApiError(method, url2, 0, `${error.message}${cause instanceof Error ? ` (${cause.message})` : ""}`);
    }
  }
  async function fail(method, url2, response) {
    let detail = "";
    try {
      const json = await response.json();
      if (typeof json.message === "string") detail = json.message;
    } catch {
    }
    throw new GitHubApiError(method, url2, response.status, detail);
  }
  const api = {
    async request(method, path21, body) {
      const url2 = `${base}${path21}`;
      const response = await send(method, url2, "application/vnd.github+json", body);
      if (!response.ok) return fail(method, url2, response);
      return response.status === 204 ? void 0 : await response.json();
    },
    async paginate(path21) {
      const items = [];
      let url2 = `${base}${path21}`;
      for (let page = 0; url2 !== void 0 && page < 1e3; page++) {
        const response = await send("GET", url2, "application/vnd.github+json");
        if (!response.ok) return fail("GET", url2, response);
        items.push(...await response.json());
        url2 = nextLink(response.headers.get("link"));
        if (url2 !== void 0 && new URL(url2).origin !== new URL(base).origin) {
          throw new GitHubApiError("GET", url2, 0, "pagination link leaves the API origin");
        }
      }
      return items;
    },
    async readFile(owner, repo, path21, ref) {
      const encoded = path21.split("/").map(encodeURIComponent).join("/");
      const url2 = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
      const response = await send("GET", url2, "application/vnd.github.raw+json");
      if (response.status === 404) {
        const message = await response.text();
        if (/no commit found/i.test(message)) throw new GitHubApiError("GET", url2, 404, `no commit ${ref} in ${owner}/${repo}`);
        return void 0;
      }
      if (!response.ok) return fail("GET", url2, response);
      return response.text();
    },
    async graphql(query) {
      const response = await send("POST", graphqlUrl, "application/json", { query });
      if (!response.ok) return fail("POST", graphqlUrl, response);
      const json = await response.json();
      if (json.errors?.length || json.data == null) {
        const detail = json.errors?.map((e) => e.message).filter(Boolean).join("; ") || "no data in the answer";
        throw new GitHubApiError("POST", graphqlUrl, response.status, `GraphQL: ${detail}`);
      }
      return json.data;
    }
  };
  return api;
}
function nextLink(header) {
  if (!header) return void 0;
  for (const part of header.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2].split(/\s+/).includes("next")) return match[1];
  }
  return void 0;
}

// src/github/changes.ts
var import_semver4 = __toESM(require_semver2(), 1);
function compareMatrices(base, head) {
  const changes = {
    models: [],
    gpus: { added: [], removed: [], changed: [] },
    toolchains: [],
    axes: [],
    errors: []
  };
  const baseModels = base?.models ?? {};
  for (const [name2, model2] of sorted(head.models)) {
    const before = baseModels[name2];
    if (!before) {
      changes.models.push({ model: name2, kind: "added", text: `${name2} ${model2.version} added (revision ${short(model2.revision)})` });
      continue;
    }
    const change = compareModel(name2, before, model2);
    if (change.text) changes.models.push({ model: name2, kind: "changed", text: change.text });
    changes.errors.push(...change.errors);
  }
  for (const [name2, model2] of sorted(baseModels)) {
    if (!(name2 in head.models)) changes.models.push({ model: name2, kind: "removed", text: `${name2} ${model2.version} removed` });
  }
  if (!base) return { ...changes, gpus: { ...changes.gpus, added: Object.keys(head.gpus).sort() } };
  for (const name2 of Object.keys(head.gpus).sort()) {
    const before = base.gpus[name2];
    if (!before) changes.gpus.added.push(name2);
    else {
      const diffs = diffFields(before, head.gpus[name2]);
      if (diffs.length > 0) changes.gpus.changed.push(`${name2}: ${diffs.join(", ")}`);
    }
  }
  changes.gpus.removed = Object.keys(base.gpus).filter((name2) => !(name2 in head.gpus)).sort();
  const toolchainNames = [.../* @__PURE__ */ new Set([...Object.keys(base.toolchains), ...Object.keys(head.toolchains)])].sort();
  for (const name2 of toolchainNames) {
    const before = base.toolchains[name2];
    const after = head.toolchains[name2];
    if (!before && after) changes.toolchains.push(`${name2} added${versionOf(after)}`);
    else if (before && !after) changes.toolchains.push(`${name2} removed`);
    else if (before && after) changes.toolchains.push(...toolchainLines(name2, before, after));
  }
  changes.axes = diffFields(base.matrix ?? {}, head.matrix ?? {}).map((line) => `matrix ${line}`);
  return changes;
}
function changeLines(changes) {
  return [
    ...changes.models.map((m) => m.text),
    ...changes.gpus.added.length > 0 ? [`GPU families added: ${changes.gpus.added.join(", ")}`] : [],
    ...changes.gpus.removed.length > 0 ? [`GPU families removed: ${changes.gpus.removed.join(", ")}`] : [],
    ...changes.gpus.changed.map((g) => `GPU ${g}`),
    ...changes.toolchains.map((t) => `toolchain ${t}`),
    ...changes.axes
  ];
}
function compareModel(name2, before, after) {
  const errors = [];
  const versionChanged = before.version !== after.version;
  const weightsChanged = before.revision !== after.revision || before.source !== after.source;
  const head = versionChanged ? `${name2} ${before.version} \u2192 ${after.version}` : `${name2} ${after.version}`;
  const details2 = [];
  if (before.source !== after.source) details2.push(`source ${before.source} \u2192 ${after.source}`);
  if (before.revision !== after.revision) details2.push(`revision ${short(before.revision)} \u2192 ${short(after.revision)}`);
  const rest = diffFields(before, after, /* @__PURE__ */ new Set(["version", "revision", "source"]));
  const older = import_semver4.default.valid(before.version);
  const newer = import_semver4.default.valid(after.version);
  if (!newer) {
    errors.push(`models.${name2}.version: ${quote(after.version)} is not a semantic version (like '1.4.0')`);
  } else if (older) {
    if (import_semver4.default.lt(newer, older)) {
      errors.push(
        `models.${name2}.version: went down from ${quote(before.version)} to ${quote(after.version)}; a version may only move forward`
      );
    } else if (weightsChanged && !import_semver4.default.gt(newer, older)) {
      const what = before.revision !== after.revision ? `revision changed from ${quote(before.revision)} to ${quote(after.revision)}` : `source changed from ${quote(before.source)} to ${quote(after.source)}`;
      errors.push(
        `models.${name2}: ${what} but version stayed ${quote(after.version)}; raise the version to ship new weights`
      );
    }
  }
  if (!versionChanged && details2.length === 0 && rest.length === 0) return { text: "", errors };
  let text = head;
  if (details2.length > 0) text += ` (${details2.join(", ")})`;
  if (rest.length > 0) text += `${versionChanged || details2.length > 0 ? ";" : ":"} ${rest.join(", ")}`;
  return { text, errors };
}
function toolchainLines(name2, before, after) {
  const b = before;
  const a = after;
  const lines = [];
  if (b.version !== a.version) lines.push(`${name2} ${show(b.version)} \u2192 ${show(a.version)}`);
  const rest = diffFields(before, after, /* @__PURE__ */ new Set(["version"]));
  if (rest.length > 0) lines.push(`${name2} ${rest.join(", ")}`);
  return lines;
}
function versionOf(toolchain) {
  const version = toolchain.version;
  return version === void 0 ? "" : ` (${show(version)})`;
}
function diffFields(before, after, skip = /* @__PURE__ */ new Set()) {
  const b = before;
  const a = after;
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !skip.has(k)).sort();
  const lines = [];
  for (const key of keys) {
    if (canonical(b[key]) === canonical(a[key])) continue;
    if (b[key] === void 0) lines.push(`${key} set to ${show(a[key])}`);
    else if (a[key] === void 0) lines.push(`${key} ${show(b[key])} removed`);
    else lines.push(`${key} ${show(b[key])} \u2192 ${show(a[key])}`);
  }
  return lines;
}
function canonical(value) {
  return JSON.stringify(
    value,
    (_key, v) => v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0)) : v
  ) ?? "undefined";
}
function show(value) {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) return `[${value.join(", ")}]`;
  return canonical(value);
}
function short(revision) {
  return /^[0-9a-f]{8,}$/i.test(revision) ? revision.slice(0, 7) : revision;
}
function sorted(record) {
  return Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
}

// src/github/comment-body.ts
var MAX_COMMENT_LENGTH = 65e3;
function commentMarker(matrixPath) {
  return `<!-- engine-forge:plan:${matrixPath.replace(/--/g, "-%2D").replace(/>/g, "%3E")} -->`;
}
function renderComment(plan) {
  for (let rows2 = 200; ; rows2 = Math.floor(rows2 / 2)) {
    const body = render(plan, rows2);
    if (body.length <= MAX_COMMENT_LENGTH || rows2 === 0) return body.slice(0, MAX_COMMENT_LENGTH);
  }
}
function render(plan, rows2) {
  const engines = group(plan.engines);
  const images = group(plan.images);
  const checkpoints = group(plan.checkpoints ?? []);
  const withheld = !plan.guard.allowed;
  const out = [commentMarker(plan.matrixPath), `### engine-forge plan \xB7 ${code(plan.matrixPath)}`, ""];
  const verb = withheld ? "would build (withheld)" : "to build";
  out.push(
    `**${engines.build.length} engine${s2(engines.build.length)} ${verb}**, ${engines.skip.length} up to date, ${engines.unsupported.length} unsupported \xB7 **${images.build.length} image${s2(images.build.length)} ${verb}**, ${images.skip.length} up to date, ${images.unsupported.length} unsupported` + (images.waiting.length > 0 ? `, ${images.waiting.length} waiting for a checkpoint` : "") + ((plan.checkpoints ?? []).length > 0 ? ` \xB7 **${checkpoints.build.length} checkpoint${s2(checkpoints.build.length)} ${verb}**, ${checkpoints.skip.length} up to date, ${checkpoints.unsupported.length} unsupported` : ""),
    ""
  );
  if (plan.guard.message) out.push(`> [!${withheld ? "WARNING" : "CAUTION"}]`, `> ${inert(plan.guard.message)}`, "");
  if ("result" in plan.changes && plan.changes.result.errors.length > 0) {
    out.push("> [!CAUTION]", "> Version rules broken; the plan fails until they are fixed:");
    for (const error of plan.changes.result.errors) out.push(`> - ${inert(error)}`);
    out.push("");
  }
  out.push(...renderChanges(plan.changes), "");
  out.push(...table2(`Engines ${verb}`, ["Cell", "Runs on", "Why"], engines.build.map((c) => [idCell(c.id), labels2(c.runsOn), inert(c.reason)]), rows2));
  out.push(...table2(`Images ${verb}`, ["Image", "Runs on", "Why"], images.build.map((c) => [idCell(c.id), labels2(c.runsOn), inert(c.reason)]), rows2));
  out.push(...table2(`Checkpoints ${verb}`, ["Checkpoint", "Calibrates on", "Why"], checkpoints.build.map((c) => [idCell(c.id), labels2(c.runsOn), inert(c.reason)]), rows2));
  out.push(...table2("Images waiting for their checkpoint", ["Image", "Why"], images.waiting.map((c) => [idCell(c.id), inert(c.reason)]), rows2));
  const unsupported = [...engines.unsupported, ...images.unsupported, ...checkpoints.unsupported];
  if (unsupported.length > 0) {
    out.push(
      `<details><summary>${unsupported.length} unsupported (never sent to a runner)</summary>`,
      "",
      ...table2(void 0, ["Cell", "Reason"], unsupported.map((c) => [idCell(c.id), inert(c.reason)]), rows2),
      "</details>",
      ""
    );
  }
  const footer = [plan.headSha ? `for ${plan.headSha.slice(0, 7)}` : "", plan.runUrl ? `[workflow run](${plan.runUrl})` : ""].filter(Boolean).join(" \xB7 ");
  if (footer) out.push(`<sub>Updated ${footer}</sub>`);
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
function renderChanges(changes) {
  if ("note" in changes) return [`**Changes:** ${inert(changes.note)}`];
  const lines = changeLines(changes.result);
  if (lines.length === 0) return [`**Changes since ${code(changes.base)}:** none in the matrix`];
  return [`**Changes since ${code(changes.base)}:**`, ...lines.map((line) => `- ${inert(line)}`)];
}
function table2(title, head, body, rows2) {
  if (body.length === 0) return [];
  const out = title ? [`#### ${title}`, ""] : [];
  out.push(`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`);
  for (const row of body.slice(0, rows2)) out.push(`| ${row.join(" | ")} |`);
  if (body.length > rows2) out.push("", `\u2026and ${body.length - rows2} more: the job summary and the \`plan\` output list every one.`);
  out.push("");
  return out;
}
function group(items) {
  const groups = { build: [], skip: [], unsupported: [], waiting: [] };
  for (const item of items) groups[item.status].push(item);
  return groups;
}
var inert = inertMarkdown;
var code = codeSpan;
function idCell(id) {
  return code(id);
}
function labels2(runsOn) {
  return runsOn.length > 0 ? runsOn.map(inert).join(", ") : "\u2014";
}
function s2(count) {
  return count === 1 ? "" : "s";
}

// src/github/comment.ts
async function upsertPlanComment(api, target, body, log) {
  const repoPath2 = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
  const marker = commentMarker(target.matrixPath);
  try {
    const comments = await api.paginate(`${repoPath2}/issues/${target.prNumber}/comments?per_page=100`);
    const marked = comments.filter((c) => typeof c.body === "string" && c.body.startsWith(marker));
    const me = marked.length > 0 ? await tokenLogin(api) : void 0;
    const existing = me === void 0 ? void 0 : marked.find((c) => writtenBy(c, me));
    if (existing) {
      if (existing.body === body) return { action: "unchanged", id: existing.id, ...url(existing) };
      const updated = await api.request("PATCH", `${repoPath2}/issues/comments/${existing.id}`, { body });
      return { action: "updated", id: updated.id, ...url(updated) };
    }
    const created = await api.request("POST", `${repoPath2}/issues/${target.prNumber}/comments`, { body });
    return { action: "created", id: created.id, ...url(created) };
  } catch (error) {
    if (error instanceof GitHubApiError && [401, 403, 404].includes(error.status)) {
      const reason2 = `Plan comment on pull request #${target.prNumber} skipped: the token may not write to it (${errorMessage(error)}). Give the job \`permissions: pull-requests: write\`, or set \`comment: false\`. Pull requests from forks get a read-only token.`;
      log.notice(reason2);
      return { action: "skipped", reason: reason2 };
    }
    const reason = `Plan comment on pull request #${target.prNumber} skipped: ${errorMessage(error)}`;
    log.warning(reason);
    return { action: "skipped", reason };
  }
}
async function tokenLogin(api) {
  const data = await api.graphql("query { viewer { login } }");
  const login = data.viewer?.login;
  if (typeof login !== "string" || login === "") throw new Error("GitHub GraphQL named no viewer login for the token, so its own comment cannot be told apart");
  return login;
}
function writtenBy(comment, login) {
  const author = comment.user?.login?.toLowerCase();
  if (author === void 0) return false;
  const me = login.toLowerCase();
  return author === me || comment.user?.type === "Bot" && author === `${me}[bot]`;
}
function url(comment) {
  return comment.html_url ? { url: comment.html_url } : {};
}

// src/github/fork-guard.ts
function decideForkGuard(event, allowForkBuilds) {
  const untrusted = event.kind === "pull_request_target" ? "this run is a pull_request_target event, which runs with the repository's secrets and write token" : event.isFork ? "this pull request comes from a fork" : void 0;
  if (untrusted === void 0) return { allowed: true };
  if (allowForkBuilds) {
    return {
      allowed: true,
      message: `Fork guard off: ${untrusted}, and allow-fork-builds is true, so its jobs go to self-hosted runners.`
    };
  }
  return {
    allowed: false,
    message: `Fork guard: ${untrusted}, so no engine or image jobs were emitted and nothing runs on self-hosted runners. Set allow-fork-builds: true only if those runners may run code from outside the team.`
  };
}

// src/github/plan-report.ts
async function prepareGitHub(settings, loaded, log) {
  const env = settings.env;
  const event = await readEvent(env);
  const guard = decideForkGuard(event, settings.bool("allow-fork-builds", false));
  const token = settings.string("github-token") ?? env.GITHUB_TOKEN;
  const api = createGitHubApi({
    ...token ? { token } : {},
    ...env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {},
    ...env.GITHUB_GRAPHQL_URL ? { graphqlUrl: env.GITHUB_GRAPHQL_URL } : {}
  });
  const workspace = settings.workspace();
  const matrixPath = repoPath(workspace, loaded.file);
  const changes = await compareWithBase(event, loaded, { workspace, api, maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const notices = [];
  if (guard.message) {
    notices.push(inert(guard.message));
    if (guard.allowed) log.warning(guard.message);
    else log.notice(guard.message);
  }
  let failure;
  if ("note" in changes) {
    if (event.name !== "") log.info(`Changes: ${changes.note}`);
  } else {
    const lines = changeLines(changes.result);
    log.info(lines.length > 0 ? `Changes since ${changes.base}:
${lines.map((l) => `  ${l}`).join("\n")}` : `Changes since ${changes.base}: none in the matrix`);
    if (lines.length > 0) notices.push(`**Changes since \`${changes.base}\`:** ${lines.map(inert).join("; ")}`);
    const errors = changes.result.errors;
    if (errors.length > 0) {
      notices.push(`**Version rules broken:** ${errors.map(inert).join("; ")}`);
      failure = new UserError(`${loaded.file}: ${errors.length} version rule${errors.length === 1 ? "" : "s"} broken since ${changes.base}:`, errors);
    }
  }
  return { event, guard, changes, notices, ...failure ? { failure } : {}, api, comment: settings.bool("comment", true), matrixPath };
}
function guardJobs(context, jobs) {
  return context.guard.allowed ? jobs : [];
}
async function benchmarkSection(store, plan, log) {
  try {
    const cells = new Set(plan.engines.map((e) => e.id));
    const records = (await readBenchRecordsUnder(store)).filter((r) => cells.has(r.cell));
    return records.length > 0 ? renderCompareMarkdown(compareAll(records)) : void 0;
  } catch (error) {
    log.warning(`benchmarks not shown: ${errorMessage(error)}`);
    return void 0;
  }
}
async function reportToGitHub(context, plan, log, benchmarks) {
  const { event } = context;
  if (!context.comment || event.prNumber === void 0 || !event.repo) return void 0;
  if (event.kind !== "pull_request" && event.kind !== "pull_request_target") return void 0;
  const env = process.env;
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  const planBody = renderComment({
    matrixPath: context.matrixPath,
    engines: plan.engines.map((e) => ({ id: e.id, status: e.status, reason: e.reason, runsOn: e.cell.runsOn })),
    images: plan.images.map((i) => ({ id: i.id, status: i.status, reason: i.reason, runsOn: i.image.runsOn })),
    checkpoints: plan.checkpoints.map((c) => ({ id: c.id, status: c.status, reason: c.reason, runsOn: c.checkpoint.runsOn })),
    changes: context.changes,
    guard: context.guard,
    ...event.headSha ? { headSha: event.headSha } : {},
    ...runUrl ? { runUrl } : {}
  });
  const body = benchmarks !== void 0 && planBody.length + benchmarks.length + 2 <= MAX_COMMENT_LENGTH ? `${planBody}

${benchmarks}` : planBody;
  const outcome2 = await upsertPlanComment(
    context.api,
    { owner: event.repo.owner, repo: event.repo.name, prNumber: event.prNumber, matrixPath: context.matrixPath },
    body,
    log
  );
  if (outcome2.action !== "skipped") log.info(`Plan comment ${outcome2.action}${outcome2.url ? `: ${outcome2.url}` : ""}`);
  return outcome2;
}
async function compareWithBase(event, loaded, deps) {
  if (event.baseSha === void 0) {
    const why = event.kind === "workflow_dispatch" ? "workflow_dispatch plans without a base" : event.kind === "push" ? "a new branch has no earlier commit to compare with" : event.name ? `${event.name} events have no base commit` : "no GitHub event, so no base commit";
    return { note: why };
  }
  const base = event.baseSha.slice(0, 7);
  const { readBaseMatrix } = await import("./base-matrix-5THXRIAU.js");
  const found = await readBaseMatrix({
    file: path17.resolve(deps.workspace, loaded.file),
    sha: event.baseSha,
    workspace: deps.workspace,
    ...event.repo ? { repo: event.repo } : {},
    api: deps.api
  });
  if (found.status === "unavailable") return { note: `not compared with ${base}: ${found.reason}` };
  if (found.status === "absent") return { base, result: compareMatrices(void 0, loaded.matrix) };
  const parsed = parseMatrix(`${loaded.file} at ${base}`, found.text, deps.maxCells);
  if (!parsed.matrix) {
    return { note: `not compared with ${base}: the matrix there does not validate (${parsed.problems[0] ?? "unknown problem"})` };
  }
  return { base, result: compareMatrices(parsed.matrix, loaded.matrix) };
}
function repoPath(workspace, file) {
  const relative = path17.relative(path17.resolve(workspace), path17.resolve(workspace, file));
  return relative.startsWith("..") ? file : relative.split(path17.sep).join("/");
}

// src/commands/plan.ts
async function computePlan(settings, log) {
  const matrixPath = settings.required("matrix");
  const loaded = await loadMatrixFile(matrixPath, { workspace: settings.workspace(), maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const derived = deriveCells(loaded.matrix);
  const cells = { ...derived, engineImages: deriveEngineImages(loaded.matrix, derived.engines) };
  const store = await openStore(settings);
  const choice = await channelOf(settings);
  const withCandidates = choice.channel === "candidate" || choice.promote;
  const listBoth = (kind) => Promise.all([store.list(kind), withCandidates ? store.list(kind, "", "candidate") : Promise.resolve([])]).then(([published, candidates]) => ({ published, candidates }));
  const [engines, images, checkpoints] = await Promise.all([listBoth("engine"), listBoth("image"), listBoth("checkpoint")]);
  const promoted = /* @__PURE__ */ new Map();
  if (choice.promote) {
    const wanted = [
      ...promotable(cells.engines, engines.published, engines.candidates),
      ...promotable([...cells.images, ...cells.engineImages], images.published, images.candidates),
      ...promotable(cells.checkpoints, checkpoints.published, checkpoints.candidates)
    ];
    const listed = { engine: engines, image: images, checkpoint: checkpoints };
    await mapLimit(wanted, 16, async (candidate) => {
      try {
        const promotion = await promoteCandidate(store, candidate, runUrlOf(settings.env) ?? settings.env.GITHUB_SHA);
        const { channel: _, ...published } = candidate;
        listed[candidate.kind].published.push({ ...published, key: promotion.key, modified: /* @__PURE__ */ new Date() });
        if (!promotion.promoted) {
          log?.info(`${candidate.id}@${candidate.version}: already published by ${describeWinner(promotion.manifest)}; the candidate is not needed`);
          return;
        }
        promoted.set(promotion.key, describePromotion(promotion.manifest));
        log?.info(`${candidate.id}@${candidate.version}: ${describePromotion(promotion.manifest)}${promotion.created ? "" : " (another run promoted it first)"}`);
      } catch (error) {
        const then = error instanceof UserError ? "building it would be refused the same way" : "the cell is built instead";
        log?.warning(`cannot promote the pull-request candidate ${candidate.key}: ${error.message}; ${then}`);
      }
    });
  }
  const visible = (l) => choice.channel === "candidate" ? [...l.published, ...l.candidates] : l.published;
  const [visibleEngines, visibleImages, visibleCheckpoints] = [visible(engines), visible(images), visible(checkpoints)];
  const existing = [...visibleEngines, ...visibleImages, ...visibleCheckpoints];
  const explain = [
    ...artifactsToExplain(cells.engines, visibleEngines),
    ...artifactsToExplain([...cells.images, ...cells.engineImages], visibleImages),
    ...artifactsToExplain(cells.checkpoints, visibleCheckpoints)
  ];
  const unique = [...new Map(explain.map((e) => [e.key, e])).values()];
  const previous = /* @__PURE__ */ new Map();
  await mapLimit(unique, 16, async (artifact) => {
    try {
      const manifest = await store.readManifest(artifact);
      previous.set(artifact.key, { inputs: manifest.inputs, digests: manifest.digests });
    } catch (error) {
      log?.warning(`cannot read ${artifact.key} to explain a rebuild: ${error.message}`);
    }
  });
  return { loaded, plan: planAgainst(cells, existing, previous, promoted), store };
}
function runUrlOf(env) {
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
}
function planJson(run) {
  return { ...planHead(run), cells: run.plan.engines.map(cellJson), images: run.plan.images.map(imageJson), checkpoints: run.plan.checkpoints.map(checkpointJson), "engine-images": run.plan.engineImages.map(engineImageJson) };
}
function planHead(run) {
  return { schema: "engine-forge/plan@1", matrix: run.loaded.file, store: run.store.location, counts: run.plan.counts };
}
function decided(d) {
  return { id: d.id, status: d.status, reason: d.reason, fingerprint: d.fingerprint };
}
function outcome(d) {
  return { ...d.changes ? { changes: d.changes } : {}, ...d.artifact ? { artifact: d.artifact } : {}, ...d.promoted ? { promoted: true } : {} };
}
function cellJson(e) {
  return {
    ...decided(e),
    model: e.cell.model,
    version: e.cell.version,
    gpu: e.cell.gpu,
    precision: e.cell.precision,
    tp: e.cell.tp,
    batch: `${e.cell.batch.min}-${e.cell.batch.max}`,
    "runs-on": e.cell.runsOn,
    ...e.cell.checkpoint ? { checkpoint: e.cell.checkpoint } : {},
    ...outcome(e)
  };
}
function imageJson(i) {
  return {
    ...decided(i),
    model: i.image.model,
    version: i.image.version,
    precision: i.image.precision,
    vendor: i.image.vendor,
    "base-image": i.image.baseImage,
    cells: i.image.cells,
    ...i.image.checkpoint ? { checkpoint: i.image.checkpoint.id } : {},
    ...outcome(i)
  };
}
function engineImageJson(i) {
  return {
    ...decided(i),
    model: i.image.model,
    version: i.image.version,
    gpu: i.image.gpu,
    precision: i.image.precision,
    tp: i.image.tp,
    "base-image": i.image.baseImage,
    engine: i.image.engine,
    ...i.image.serverless ? { serverless: i.image.serverless } : {},
    ...outcome(i)
  };
}
function checkpointJson(k) {
  return {
    ...decided(k),
    model: k.checkpoint.model,
    version: k.checkpoint.version,
    precision: k.checkpoint.precision,
    calibration: k.checkpoint.calibration,
    gpu: k.checkpoint.gpu,
    "gpu-count": k.checkpoint.gpuCount,
    "runs-on": k.checkpoint.runsOn,
    cells: k.checkpoint.cells,
    ...outcome(k)
  };
}
async function writePlanFile(file, run) {
  await mkdir9(path18.dirname(file), { recursive: true });
  const handle = await open2(file, "w");
  try {
    const head = JSON.stringify(planHead(run));
    await handle.write(`${head.slice(0, -1)},"cells":[`);
    await writeList(handle, run.plan.engines, cellJson);
    await handle.write('],"images":[');
    await writeList(handle, run.plan.images, imageJson);
    await handle.write('],"checkpoints":[');
    await writeList(handle, run.plan.checkpoints, checkpointJson);
    await handle.write('],"engine-images":[');
    await writeList(handle, run.plan.engineImages, engineImageJson);
    await handle.write("]}\n");
  } finally {
    await handle.close();
  }
}
async function writeList(handle, items, toJson) {
  const SLICE = 500;
  for (let i = 0; i < items.length; i += SLICE) {
    const text = items.slice(i, i + SLICE).map((item) => JSON.stringify(toJson(item))).join(",");
    await handle.write(i === 0 ? text : `,${text}`);
  }
}
async function planCommand({ settings, log }) {
  const run = await computePlan(settings, log);
  const github = await prepareGitHub(settings, run.loaded, log);
  if (run.plan.counts.promoted > 0) {
    github.notices.push(`**Promoted without rebuilding:** ${run.plan.counts.promoted} pull-request build${run.plan.counts.promoted === 1 ? "" : "s"} whose fingerprint the merged matrix needs`);
  }
  const jobs = guardJobs(github, engineJobs(run.plan, settings.int("max-jobs", MAX_MATRIX_JOBS, { min: 1, max: MAX_MATRIX_JOBS })));
  const planFile = path18.resolve(settings.string("plan-file") ?? path18.join(settings.env.RUNNER_TEMP || os3.tmpdir(), "engine-forge", "plan.json"));
  await writePlanFile(planFile, run);
  const images = guardJobs(github, imageJobs(run.plan));
  const checkpoints = guardJobs(github, checkpointJobs(run.plan));
  const engineImages = guardJobs(github, engineImageJobs(run.plan));
  const outputs = {
    engines: matrixOutput(jobs),
    images: matrixOutput(images),
    checkpoints: matrixOutput(checkpoints),
    "engine-images": matrixOutput(engineImages),
    plan: planFile,
    "build-count": String(github.guard.allowed ? run.plan.counts.build : 0),
    "skip-count": String(run.plan.counts.skip),
    "image-count": String(images.length),
    "checkpoint-count": String(checkpoints.length),
    "engine-image-count": String(engineImages.length)
  };
  checkOutputSize(outputs);
  const benchmarks = await benchmarkSection(run.store, run.plan, log);
  await reportToGitHub(github, run.plan, log, benchmarks);
  let json;
  return {
    outputs,
    // Only the action shows a job summary; a terminal gets the table.
    ...settings.source.kind === "action" ? { summary: renderSummary(run.plan, { matrix: run.loaded.file, store: run.store.location, notices: github.notices }) + (benchmarks ? `
${benchmarks}` : "") } : {},
    text: renderTable(run.plan),
    // Built when read (`--json`), not always: the plan, plus the job lists the action outputs carry.
    get json() {
      return json ??= { ...planJson(run), jobs: { engines: jobs, images, checkpoints, "engine-images": engineImages } };
    },
    ...github.failure ? { failure: github.failure } : {}
  };
}

// src/commands/publish.ts
import path19 from "node:path";
async function publishCommand({ settings, log }) {
  const loaded = await loadMatrixFile(settings.required("matrix"), { workspace: settings.workspace(), maxCells: settings.int("max-cells", DEFAULT_MAX_CELLS, { min: 1 }) });
  const cells = cellsOfEntry(settings, loaded);
  const root = path19.resolve(settings.workspace(), settings.required("artifact-dir"));
  const store = await openStore(settings);
  const { channel, pullRequest, why } = await channelOf(settings);
  const provenance = { ...await collectProvenance(settings.env), ...channel === "candidate" && pullRequest !== void 0 ? { pullRequest } : {} };
  refuseForeignGpu(cells, provenance.gpu, loaded);
  if (channel === "candidate") log.info(`publishing as pull-request candidates (${why}): resolve never returns them; the default branch's plan promotes them once merged`);
  const interrupt = abortOnSignals();
  const results = [];
  try {
    for (const cell of cells) {
      const dir = cells.length === 1 ? root : path19.join(root, ...cell.id.split("/"));
      const target = cellTarget("engine", cell, { trtllm: loaded.matrix.toolchains.trtllm }, provenance);
      const outcome2 = `${cell.id}@${cell.version} `;
      const result3 = await publishArtifact(store, target, dir, {
        signal: interrupt.signal,
        allowUnsafe: settings.bool("allow-unsafe-store", false),
        channel,
        log: (line) => line.startsWith("warning: ") ? log.warning(line.slice(9)) : line.startsWith(outcome2) ? void 0 : log.info(line)
      });
      results.push(result3);
    }
  } catch (error) {
    const signal = interrupt.received();
    if (signal) throw new UserError(`publish interrupted by ${signal}: uploads in flight were aborted and this attempt's files deleted`);
    throw error;
  } finally {
    interrupt.dispose();
  }
  const manifests = results.map((r) => r.created ? r.manifest : r.existing);
  return {
    outputs: {
      // One line per cell, in the entry's order (usually one).
      uri: manifests.map((m) => store.uri(manifestDataPrefix(m, m.data))).join("\n"),
      manifest: results.map((r) => r.uri).join("\n"),
      published: String(results.filter((r) => r.created).length),
      channel: channel === "candidate" ? "pull-request" : "default-branch"
    },
    text: results.map(resultLine).join("\n"),
    json: results
  };
}
function resultLine(r) {
  const candidate = r.channel === "candidate";
  if (r.created) return `${candidate ? "stored the pull-request candidate" : "published"} ${r.manifest.id}@${r.manifest.version} (${r.manifest.files.length} files) \u2192 ${r.uri}`;
  const what = r.reason === "lost-race" ? `was ${candidate ? "stored as a pull-request candidate" : "published"} by another run first` : candidate ? "is already stored as a pull-request candidate" : "is already published";
  return `${r.existing.id}@${r.existing.version} ${what} (${describeWinner(r.existing)}); nothing uploaded \u2192 ${r.uri}`;
}
function refuseForeignGpu(cells, gpu2, loaded) {
  if (gpu2 === void 0) return;
  const name2 = gpu2.replace(/^\d+ × /, "");
  const families = Object.fromEntries(Object.keys(loaded.matrix.gpus).map((family) => [family, gpuFacts(loaded.matrix, family)]));
  for (const cell of cells) {
    const problem = runnerGpuProblem(cell.gpu, name2, { ...GPU_CATALOGUE, ...families });
    if (problem) throw new UserError(`cell ${quote(cell.id)}: ${problem}`);
  }
}
function cellsOfEntry(settings, loaded) {
  const raw = settings.string("cell");
  const entries = settings.source.kind === "cli" ? "jobs.engines of 'plan --json'" : "plan's 'engines' output";
  if (raw === void 0) throw new UserError(`${settings.label("cell")} is required (one entry of ${entries}, or a cell id)`);
  const value = cellEntryValue(settings, raw);
  const ids = typeof value === "string" ? [value] : value.cells;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
    throw new UserError(`${settings.label("cell")} must be an entry of ${entries} with a non-empty 'cells' list (got ${quote(raw)})`);
  }
  return engineCellsById(loaded, ids);
}

// src/commands/resolve.ts
import path20 from "node:path";

// src/store/engine-image-lookup.ts
async function findEngineImage(store, engine) {
  const listed = (await store.list("image", engine.id)).filter((a) => a.id === engine.id && a.version === engine.version);
  for (const artifact of listed.sort((a, b) => b.modified.getTime() - a.modified.getTime())) {
    const manifest = await store.readManifest(artifact);
    if (manifest.inputs["engine-fingerprint"] === engine.fingerprint && manifest.image !== void 0) return manifest.image;
  }
  return void 0;
}

// src/commands/resolve.ts
var RESOLVE_RUNTIMES = ["trtllm", "vllm", "auto"];
async function resolveCommand({ settings, log }) {
  const tp2 = settings.string("tp") === void 0 ? void 0 : settings.int("tp", 1, { min: 1, max: 64 });
  const query = { model: settings.required("model"), gpu: settings.required("gpu"), precision: settings.required("precision"), tp: tp2, batch: settings.string("batch"), words: settings };
  const asked = settings.oneOf("runtime", RESOLVE_RUNTIMES) ?? "auto";
  const store = await openStore(settings);
  const resolved = await resolveArtifact(store, query);
  const pick2 = asked === "auto" ? await chooseByBenchmarks(settings, store, query, resolved.imageOnly ? void 0 : resolved.artifact.id) : { runtime: asked, why: `asked for ${asked}` };
  log.info(`runtime: ${pick2.runtime} (${pick2.why})`);
  if (pick2.runtime === "trtllm" && resolved.imageOnly) {
    throw new UserError(`resolve: runtime trtllm, but no TensorRT-LLM engine is stored for ${query.model} on ${query.gpu} in ${query.precision} (only the vLLM image ${resolved.image})`);
  }
  if (pick2.runtime === "trtllm" && !resolved.imageOnly) {
    const engineImage = await findEngineImage(store, resolved.manifest);
    if (engineImage !== void 0) resolved.image = engineImage;
    else {
      log.warning(`no TensorRT-LLM image is stored for ${resolved.artifact.id}@${resolved.version} (${resolved.manifest.fingerprint.slice(0, 12)}): run image with its entry of the plan's engine-images output`);
      if (asked === "trtllm") delete resolved.image;
    }
  }
  const download2 = settings.string("download");
  if (resolved.imageOnly) {
    log.warning(`no TensorRT-LLM engine for ${query.model} on ${query.gpu} in ${query.precision}: the vLLM image ${resolved.image} (${resolved.version}) serves it`);
    if (download2 !== void 0) throw new UserError(`resolve: nothing to download for ${query.model} on ${query.gpu} in ${query.precision}: no engine is stored, only the vLLM image ${resolved.image}`);
  } else log.info(`${query.model} on ${query.gpu} in ${query.precision} \u2192 ${resolved.artifact.id}@${resolved.version} (${resolved.uri})`);
  let downloaded;
  if (download2 !== void 0) {
    const interrupt = abortOnSignals();
    try {
      downloaded = await downloadArtifact(store, resolved.manifest, path20.resolve(settings.workspace(), download2), { signal: interrupt.signal });
    } catch (error) {
      const signal = interrupt.received();
      if (signal) throw new UserError(`download interrupted by ${signal}; nothing was left at ${download2}`);
      throw error;
    } finally {
      interrupt.dispose();
    }
    const bytes = resolved.manifest.files.reduce((n, f) => n + f.size, 0);
    log.info(`downloaded ${resolved.manifest.files.length} files (${bytes} bytes), every one verified against its SHA-256, into ${downloaded}`);
  }
  return {
    outputs: {
      uri: resolved.uri,
      manifest: resolved.manifestUri,
      version: resolved.version,
      image: resolved.image ?? "",
      runtime: pick2.runtime,
      "runtime-reason": pick2.why
    },
    text: [
      `${resolved.artifact.id}@${resolved.version}${resolved.imageOnly ? " (vLLM image only: no engine)" : ""}`,
      `uri: ${resolved.uri}`,
      `manifest: ${resolved.manifestUri}`,
      ...resolved.image ? [`image: ${resolved.image}`] : [],
      ...downloaded ? [`downloaded: ${downloaded}`] : [],
      `runtime: ${pick2.runtime} (${pick2.why})`
    ].join("\n"),
    json: { runtime: pick2, id: resolved.artifact.id, version: resolved.version, uri: resolved.uri, manifestUri: resolved.manifestUri, image: resolved.image, download: downloaded, manifest: resolved.manifest }
  };
}
async function chooseByBenchmarks(settings, store, query, cellId2) {
  const preference = settings.oneOf("preference", PREFERENCES) ?? "throughput";
  const { model: model2 } = parseModelSpec(query.model);
  const records = (await readBenchRecordsUnder(store)).filter((r) => r.model === model2 && r.gpu === query.gpu && r.precision === query.precision && (query.tp === void 0 || r.tp === query.tp));
  return chooseRuntime(compareAll(records), preference, { ...cellId2 !== void 0 ? { cellId: cellId2 } : {}, hasEngine: cellId2 !== void 0 });
}

// src/commands/index.ts
var commands = {
  plan: planCommand,
  build: buildCommand,
  publish: publishCommand,
  image: imageCommand,
  resolve: resolveCommand,
  gc: gcCommand,
  compare: compareCommand,
  bench: benchCommand
};

export {
  didYouMean,
  COMMANDS,
  INPUT_NAMES,
  actionInputs,
  Settings,
  commands
};
//# sourceMappingURL=chunk-J7BL2VEL.js.map
