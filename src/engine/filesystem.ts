/**
 * Container filesystems of one pod. Each container has its own root filesystem (its image's
 * files plus what its processes write); a path under one of its volumeMounts lives in that
 * volume instead, and an emptyDir is one directory shared by every container that mounts it,
 * at whatever mountPath each uses. A mount hides what the image had at that path, as a Linux
 * mount does: nginx with an empty emptyDir at /usr/share/nginx/html no longer has index.html.
 * https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
 */
import { findImageProfile, parseImage } from './images';
import type { RootLayout } from './images';
import type { SimContainer, SimPod, SimVolume, SimVolumeMount } from './types';

/** Why a write failed, in the words of the kernel (errno text). */
export type FsError =
  'Read-only file system' | 'nonexistent directory' | 'Is a directory' | 'File exists';

export interface DirEntry {
  readonly name: string;
  readonly isDir: boolean;
  readonly isLink: boolean;
}

interface Tree {
  readonly files: Map<string, string>;
  /** Which container last wrote each file (absent for the image's own files). */
  readonly writers: Map<string, string>;
  readonly dirs: Set<string>;
  readonly links: Set<string>;
}

interface VolumeState {
  readonly volume: SimVolume;
  readonly tree: Tree;
  /** configMap, secret, downwardAPI, projected: read-only, and their data is not modelled. */
  readonly isOpaque: boolean;
}

type Location =
  | { readonly kind: 'root'; readonly tree: Tree; readonly path: string }
  | {
      readonly kind: 'volume';
      readonly state: VolumeState;
      readonly path: string;
      readonly mount: SimVolumeMount;
    };

const LAYOUT_DIRS: Readonly<Record<RootLayout, readonly string[]>> = {
  debian: [
    'bin',
    'boot',
    'dev',
    'etc',
    'home',
    'lib',
    'lib64',
    'media',
    'mnt',
    'opt',
    'proc',
    'root',
    'run',
    'sbin',
    'srv',
    'sys',
    'tmp',
    'usr',
    'var',
    'usr/bin',
    'usr/lib',
    'usr/local',
    'usr/share',
    'var/log',
    'var/tmp',
  ],
  alpine: [
    'bin',
    'dev',
    'etc',
    'home',
    'lib',
    'media',
    'mnt',
    'opt',
    'proc',
    'root',
    'run',
    'sbin',
    'srv',
    'sys',
    'tmp',
    'usr',
    'var',
    'usr/bin',
    'usr/lib',
    'usr/local',
    'usr/share',
    'var/log',
  ],
  busybox: [
    'bin',
    'dev',
    'etc',
    'home',
    'lib',
    'lib64',
    'proc',
    'root',
    'sys',
    'tmp',
    'usr',
    'var',
  ],
  scratch: ['dev', 'etc', 'proc', 'sys'],
};
/** debian and ubuntu merged /usr: these are symlinks, and python's listing marks them `@`. */
const DEBIAN_LINKS = ['bin', 'lib', 'lib64', 'sbin'];

/** Absolute, normalised path: `.`/`..` resolved, no duplicate or trailing slash. */
export function normalizePath(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = parentOf(path); p !== '/'; p = parentOf(p)) out.push(p);
  return out;
}

function newTree(): Tree {
  return { files: new Map(), writers: new Map(), dirs: new Set(['/']), links: new Set() };
}

function isUnder(path: string, dir: string): boolean {
  return dir === '/' ? path !== '/' : path.startsWith(`${dir}/`);
}

/** Direct children of `dir` in a tree. */
function childrenOf(tree: Tree, dir: string): Map<string, DirEntry> {
  const out = new Map<string, DirEntry>();
  const add = (path: string, isDir: boolean) => {
    if (!isUnder(path, dir)) return;
    const rest = path.slice(dir === '/' ? 1 : dir.length + 1);
    const name = rest.split('/')[0] ?? '';
    const direct = !rest.includes('/');
    const full = dir === '/' ? `/${name}` : `${dir}/${name}`;
    out.set(name, { name, isDir: isDir || !direct, isLink: tree.links.has(full) });
  };
  for (const d of tree.dirs) add(d, true);
  for (const f of tree.files.keys()) add(f, false);
  return out;
}

/** All container filesystems and volumes of one pod, mutated as the processes run. */
export class PodFilesystem {
  private readonly roots = new Map<string, Tree>();
  private readonly volumes = new Map<string, VolumeState>();
  private readonly containers = new Map<string, SimContainer>();

  constructor(pod: SimPod) {
    for (const v of pod.volumes) {
      const isOpaque =
        v.type !== 'emptyDir' && v.type !== 'hostPath' && v.type !== 'persistentVolumeClaim';
      this.volumes.set(v.name, { volume: v, tree: newTree(), isOpaque });
    }
    for (const c of [...pod.initContainers, ...pod.containers]) {
      this.containers.set(c.name, c);
      const profile = findImageProfile(c.image);
      const tree = newTree();
      for (const d of LAYOUT_DIRS[profile?.layout ?? 'debian']) tree.dirs.add(`/${d}`);
      if (profile?.layout === 'debian') for (const l of DEBIAN_LINKS) tree.links.add(`/${l}`);
      if (profile) tree.dirs.add(normalizePath(profile.workingDir));
      const files =
        profile?.stockFiles?.({ podName: pod.name, podIp: pod.ip, tag: parseImage(c.image).tag }) ??
        {};
      for (const [path, content] of Object.entries(files)) {
        tree.files.set(path, content);
        for (const a of ancestors(path)) tree.dirs.add(a);
      }
      for (const m of c.volumeMounts) {
        const mountPath = normalizePath(m.mountPath);
        for (const a of ancestors(mountPath)) tree.dirs.add(a);
        tree.dirs.add(mountPath);
        const state = this.volumes.get(m.name);
        // kubelet creates a missing subPath directory inside the volume before starting.
        if (state && m.subPath && !state.isOpaque) this.mkdir(state.tree, `/${m.subPath}`, true);
      }
      this.roots.set(c.name, tree);
    }
  }

  private locate(container: string, rawPath: string): Location | null {
    const c = this.containers.get(container);
    const tree = this.roots.get(container);
    if (!c || !tree) return null;
    const path = normalizePath(rawPath);
    let best: SimVolumeMount | null = null;
    for (const m of c.volumeMounts) {
      const mp = normalizePath(m.mountPath);
      if (
        (path === mp || isUnder(path, mp)) &&
        (!best || mp.length > normalizePath(best.mountPath).length)
      )
        best = m;
    }
    const state = best ? this.volumes.get(best.name) : undefined;
    if (!best || !state) return { kind: 'root', tree, path };
    const rest = path.slice(normalizePath(best.mountPath).length);
    return {
      kind: 'volume',
      state,
      mount: best,
      path: normalizePath(`/${best.subPath ?? ''}${rest}`),
    };
  }

  /** The volume (name and type) a container's path lives in, or null for its own filesystem. */
  volumeAt(container: string, path: string): SimVolume | null {
    const loc = this.locate(container, path);
    return loc?.kind === 'volume' ? loc.state.volume : null;
  }

  /** Whether the path is in a configMap/secret/… volume, whose contents we do not have. */
  isOpaque(container: string, path: string): boolean {
    const loc = this.locate(container, path);
    return loc?.kind === 'volume' && loc.state.isOpaque;
  }

  /** Where a file lives (a volume or the container's own filesystem) and who wrote it. */
  origin(container: string, path: string): { volume: SimVolume | null; writer: string | null } {
    const loc = this.locate(container, path);
    if (!loc) return { volume: null, writer: null };
    const tree = loc.kind === 'root' ? loc.tree : loc.state.tree;
    const volume = loc.kind === 'volume' ? loc.state.volume : null;
    return { volume, writer: tree.writers.get(loc.path) ?? null };
  }

  readFile(container: string, path: string): string | null {
    const loc = this.locate(container, path);
    if (!loc) return null;
    const tree = loc.kind === 'root' ? loc.tree : loc.state.tree;
    return tree.files.get(loc.path) ?? null;
  }

  isDir(container: string, path: string): boolean {
    const loc = this.locate(container, path);
    if (!loc) return false;
    if (loc.kind === 'volume') return loc.state.tree.dirs.has(loc.path) || loc.path === '/';
    return loc.tree.dirs.has(loc.path);
  }

  /** Entries of a directory (mount points included), or null when it does not exist. */
  list(container: string, dir: string): DirEntry[] | null {
    const loc = this.locate(container, dir);
    if (!loc || !this.isDir(container, dir)) return null;
    const entries =
      loc.kind === 'root' ? childrenOf(loc.tree, loc.path) : childrenOf(loc.state.tree, loc.path);
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Write or append; the container's own filesystem creates missing parents (we do not know every image's tree), a volume does not. */
  write(container: string, path: string, content: string, append: boolean): FsError | null {
    const loc = this.locate(container, path);
    if (!loc) return 'nonexistent directory';
    if (loc.kind === 'volume' && (loc.state.isOpaque || loc.mount.readOnly))
      return 'Read-only file system';
    const tree = loc.kind === 'root' ? loc.tree : loc.state.tree;
    if (tree.dirs.has(loc.path)) return 'Is a directory';
    if (loc.kind === 'volume' && !tree.dirs.has(parentOf(loc.path))) return 'nonexistent directory';
    for (const a of ancestors(loc.path)) tree.dirs.add(a);
    tree.files.set(loc.path, append ? (tree.files.get(loc.path) ?? '') + content : content);
    tree.writers.set(loc.path, container);
    return null;
  }

  makeDir(container: string, path: string, parents: boolean): FsError | null {
    const loc = this.locate(container, path);
    if (!loc) return 'nonexistent directory';
    if (loc.kind === 'volume' && (loc.state.isOpaque || loc.mount.readOnly))
      return 'Read-only file system';
    return this.mkdir(
      loc.kind === 'root' ? loc.tree : loc.state.tree,
      loc.path,
      parents || loc.kind === 'root',
    );
  }

  remove(container: string, path: string): FsError | null {
    const loc = this.locate(container, path);
    if (!loc) return null;
    if (loc.kind === 'volume' && (loc.state.isOpaque || loc.mount.readOnly))
      return 'Read-only file system';
    const tree = loc.kind === 'root' ? loc.tree : loc.state.tree;
    tree.files.delete(loc.path);
    for (const f of [...tree.files.keys()]) if (isUnder(f, loc.path)) tree.files.delete(f);
    for (const d of [...tree.dirs]) if (d === loc.path || isUnder(d, loc.path)) tree.dirs.delete(d);
    tree.dirs.add('/');
    return null;
  }

  private mkdir(tree: Tree, path: string, parents: boolean): FsError | null {
    const p = normalizePath(path);
    if (tree.files.has(p)) return 'File exists';
    if (!parents && !tree.dirs.has(parentOf(p))) return 'nonexistent directory';
    for (const a of ancestors(p)) tree.dirs.add(a);
    tree.dirs.add(p);
    return null;
  }
}
