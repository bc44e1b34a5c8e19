// The estate tree model (pure): src/vscode wraps EstateTreeModel in a TreeDataProvider.
export { EstateTreeModel } from './model';
export type { TreeItemData, TreeNodeKind, TreeStatus } from './items';
