import {
  AdminAddTeamMemberDocument,
  AdminCreateTeamDocument,
  AdminRemoveTeamMemberDocument,
  AdminCreateUserDocument,
  AdminDeactivateUserDocument,
  AdminReactivateUserDocument,
  AdminUpdateUserDocument,
  AdminUsersDocument,
  type AdminUserFieldsFragment,
  type UserRole,
} from '@rapport/client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { fieldErrors, useT } from '../util.js';
import { Field } from './CustomerDetail.js';

const ROLES: UserRole[] = ['SALES', 'MANAGER', 'SERVICE', 'MARKETING', 'ADMIN'];
type Team = { id: string; name: string };

/** Users and teams (admins only; the menu entry shows only for them): list, create, role and team, deactivate with a hand-over. */
export function Admin() {
  const t = useT();
  const [search, setSearch] = useState('');
  const [{ data, error }, refetch] = useQuery({ query: AdminUsersDocument, variables: { first: 100, ...(search ? { filter: { search } } : {}) } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (error) return <p role="alert">{t('error', { message: error.message })}</p>;
  const users = data?.users.edges.map((e) => e.node) ?? [];
  const teams = data?.teams ?? [];
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin')}</h1>
      <h2 id="users-title">{t('users')}</h2>
      <div className="filters" role="search">
        <label>
          {t('searchUsers')}
          <input type="search" name="userSearch" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        {data && <span data-testid="users-total">{t('total', { n: data.users.totalCount })}</span>}
      </div>
      <table aria-labelledby="users-title">
        <thead>
          <tr>
            <th scope="col">{t('name')}</th>
            <th scope="col">{t('email')}</th>
            <th scope="col">{t('role')}</th>
            <th scope="col">{t('team')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} teams={teams} colleagues={users.filter((u) => u.active && u.id !== user.id)} onChanged={reload} />
          ))}
        </tbody>
      </table>
      <CreateUser teams={teams} onCreated={reload} />
      <h2 id="teams-title">{t('teams')}</h2>
      <table aria-labelledby="teams-title">
        <thead>
          <tr>
            <th scope="col">{t('teamName')}</th>
            <th scope="col">{t('manager')}</th>
            <th scope="col">{t('teamMembers')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <TeamRow key={team.id} team={team} candidates={users.filter((u) => u.active && u.team?.id !== team.id)} onChanged={reload} />
          ))}
        </tbody>
      </table>
      <CreateTeam managers={users.filter((u) => u.active && (u.role === 'MANAGER' || u.role === 'ADMIN'))} onCreated={reload} />
    </section>
  );
}

type TeamWithMembers = Team & { manager?: { name: string } | null; members: ReadonlyArray<{ id: string; name: string }> };

/** A team with its members: take one out, or add an active user from another team (or none). */
function TeamRow({ team, candidates, onChanged }: { team: TeamWithMembers; candidates: AdminUserFieldsFragment[]; onChanged(): void }) {
  const t = useT();
  const [added, addMember] = useMutation(AdminAddTeamMemberDocument);
  const [removed, removeMember] = useMutation(AdminRemoveTeamMemberDocument);
  const [userId, setUserId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = {
    ...fieldErrors(added.error, added.data?.addTeamMember.userErrors),
    ...fieldErrors(removed.error, removed.data?.removeTeamMember.userErrors),
  };
  const busy = added.fetching || removed.fetching;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!userId) return;
    setDone(null);
    const result = await addMember({ input: { teamId: team.id, userId } });
    const user = result.data?.addTeamMember.user;
    if (user) {
      setDone(t('memberAdded', { name: user.name, team: team.name }));
      setUserId('');
      onChanged();
    }
  };
  const remove = async (member: { id: string; name: string }) => {
    setDone(null);
    const result = await removeMember({ input: { teamId: team.id, userId: member.id } });
    if (result.data?.removeTeamMember.user) {
      setDone(t('memberRemoved', { name: member.name, team: team.name }));
      onChanged();
    }
  };
  return (
    <tr data-testid={`team-${team.name}`}>
      <td>{team.name}</td>
      <td>{team.manager?.name ?? '—'}</td>
      <td>
        {team.members.length ? (
          <ul className="members" aria-label={t('teamMembers')}>
            {team.members.map((member) => (
              <li key={member.id}>
                {member.name}{' '}
                <button type="button" className="link" disabled={busy} aria-label={t('removeMember', { name: member.name, team: team.name })} onClick={() => remove(member)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('noMembers')}</p>
        )}
        <form className="inline-form" onSubmit={add}>
          <select aria-label={t('addMemberTo', { team: team.name })} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('nothing')}</option>
            {candidates.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !userId}>
            {t('addMember')}
          </button>
        </form>
        {(errors._ || errors.userId || errors.teamId) && (
          <span role="alert" className="error">
            {errors._ ?? errors.userId ?? errors.teamId}
          </span>
        )}
        {done && <span role="status">{done}</span>}
      </td>
    </tr>
  );
}

function UserRow({ user, teams, colleagues, onChanged }: { user: AdminUserFieldsFragment; teams: readonly Team[]; colleagues: AdminUserFieldsFragment[]; onChanged(): void }) {
  const t = useT();
  const [update, updateUser] = useMutation(AdminUpdateUserDocument);
  const [deactivation, deactivateUser] = useMutation(AdminDeactivateUserDocument);
  const [reactivation, reactivateUser] = useMutation(AdminReactivateUserDocument);
  const [successorId, setSuccessorId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = {
    ...fieldErrors(update.error, update.data?.updateUser.userErrors),
    ...fieldErrors(deactivation.error, deactivation.data?.deactivateUser.userErrors),
    ...fieldErrors(reactivation.error, reactivation.data?.reactivateUser.userErrors),
  };
  // The newest version known: the list's refetch may still be on its way after this row's last write.
  const version = Math.max(user.version, update.data?.updateUser.user?.version ?? 0);
  const change = async (fields: { role?: UserRole; teamId?: string | null }) => {
    setDone(null);
    const result = await updateUser({ input: { id: user.id, version, ...fields } });
    if (result.data?.updateUser.user) {
      setDone(t('userUpdated', { name: user.name }));
      onChanged();
    }
  };
  const deactivate = async () => {
    setDone(null);
    const result = await deactivateUser({ input: { id: user.id, version, ...(successorId ? { successorId } : {}) } });
    if (result.data?.deactivateUser.user) {
      setDone(t('userDeactivated', { name: user.name }));
      onChanged();
    }
  };
  const reactivate = async () => {
    const result = await reactivateUser({ input: { id: user.id } });
    if (result.data?.reactivateUser.user) onChanged();
  };
  const busy = update.fetching || deactivation.fetching || reactivation.fetching;
  return (
    <tr className={user.active ? undefined : 'inactive'} data-testid={`user-${user.email}`}>
      <td>{user.name}</td>
      <td>{user.email}</td>
      <td>
        <select aria-label={t('role')} value={user.role} disabled={busy || !user.active} onChange={(e) => change({ role: e.target.value as UserRole })}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role_${role}`)}
            </option>
          ))}
        </select>
        {errors.role && (
          <span role="alert" className="error">
            {errors.role}
          </span>
        )}
      </td>
      <td>
        <select aria-label={t('team')} value={user.team?.id ?? ''} disabled={busy || !user.active} onChange={(e) => change({ teamId: e.target.value || null })}>
          <option value="">{t('noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        {errors.teamId && (
          <span role="alert" className="error">
            {errors.teamId}
          </span>
        )}
      </td>
      <td>{user.active ? t('active') : t('inactive')}</td>
      <td className="row-actions">
        {user.active ? (
          <>
            <label className={errors.successorId ? 'field invalid' : 'field'}>
              {t('successor')}
              <select value={successorId} onChange={(e) => setSuccessorId(e.target.value)}>
                <option value="">{t('noSuccessor')}</option>
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              {errors.successorId && (
                <span role="alert" className="error">
                  {errors.successorId}
                </span>
              )}
            </label>
            <button type="button" disabled={busy} onClick={deactivate}>
              {t('deactivate')}
            </button>
          </>
        ) : (
          <button type="button" disabled={busy} onClick={reactivate}>
            {t('reactivate')}
          </button>
        )}
        {(errors._ || errors.version) && (
          <span role="alert" className="error">
            {errors._ ?? errors.version}
          </span>
        )}
        {done && <span role="status">{done}</span>}
      </td>
    </tr>
  );
}

function CreateUser({ teams, onCreated }: { teams: readonly Team[]; onCreated(): void }) {
  const t = useT();
  const [created, createUser] = useMutation(AdminCreateUserDocument);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('SALES');
  const [teamId, setTeamId] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const errors = fieldErrors(created.error, created.data?.createUser.userErrors);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const result = await createUser({ input: { name, email, role, ...(teamId ? { teamId } : {}), ...(password ? { password } : {}) } });
    const user = result.data?.createUser.user;
    if (user) {
      setDone(t('userCreated', { name: user.name }));
      setName('');
      setEmail('');
      setPassword('');
      onCreated();
    }
  };
  return (
    <form className="activity-form" onSubmit={submit} aria-labelledby="create-user-title" noValidate>
      <h2 id="create-user-title">{t('createUser')}</h2>
      <Field label={t('name')} error={errors.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('email')} error={errors.email}>
        <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field label={t('role')} error={errors.role}>
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`role_${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('team')} error={errors.teamId}>
        <select name="team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t('noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('initialPassword')} error={errors.password}>
        <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {errors._ && (
        <p role="alert" className="error">
          {errors._}
        </p>
      )}
      <button type="submit" disabled={created.fetching}>
        {t('createUser')}
      </button>
      {done && <p role="status">{done}</p>}
    </form>
  );
}

function CreateTeam({ managers, onCreated }: { managers: AdminUserFieldsFragment[]; onCreated(): void }) {
  const t = useT();
  const [created, createTeam] = useMutation(AdminCreateTeamDocument);
  const [name, setName] = useState('');
  const [managerId, setManagerId] = useState('');
  const errors = fieldErrors(created.error, created.data?.createTeam.userErrors);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createTeam({ input: { name, ...(managerId ? { managerId } : {}) } });
    if (result.data?.createTeam.team) {
      setName('');
      onCreated();
    }
  };
  return (
    <form className="activity-form" onSubmit={submit} aria-labelledby="create-team-title" noValidate>
      <h2 id="create-team-title">{t('createTeam')}</h2>
      <Field label={t('teamName')} error={errors.name}>
        <input name="teamName" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('manager')} error={errors.managerId}>
        <select name="manager" value={managerId} onChange={(e) => setManagerId(e.target.value)}>
          <option value="">{t('nothing')}</option>
          {managers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      {errors._ && (
        <p role="alert" className="error">
          {errors._}
        </p>
      )}
      <button type="submit" disabled={created.fetching}>
        {t('createTeam')}
      </button>
    </form>
  );
}
